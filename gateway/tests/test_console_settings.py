"""When the console's cookies are Secure: over HTTPS, or behind a trusted proxy that says so."""
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from gateway.console.accounts import LockoutPolicy
from gateway.console.sessions import SessionPolicy
from gateway.console.settings import ConsoleSettings

PROXY = "10.0.0.5"


def settings(secure_cookies="auto") -> ConsoleSettings:
    return ConsoleSettings(LockoutPolicy(), SessionPolicy(), secure_cookies, frozenset({PROXY}))


def request(base="http://console.example.jp/", remote="192.0.2.1", **headers) -> Request:
    return Request(EnvironBuilder("/console/", base_url=base, headers=headers,
                                  environ_base={"REMOTE_ADDR": remote}).get_environ())


def test_https_directly_or_through_a_trusted_proxy_makes_cookies_secure():
    assert settings().served_securely(request("https://console.example.jp/"))
    assert settings().served_securely(request(remote=PROXY, **{"X-Forwarded-Proto": "https"}))
    assert not settings().served_securely(request())


def test_a_forwarded_proto_from_anyone_else_is_ignored_and_the_setting_can_decide():
    assert not settings().served_securely(request(**{"X-Forwarded-Proto": "https"}))
    assert settings("always").served_securely(request())
    assert not settings("never").served_securely(request("https://console.example.jp/"))


def test_policies_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("KYODO_CONSOLE_LOCKOUT_FAILURES", "7")
    monkeypatch.setenv("KYODO_CONSOLE_IDLE_MINUTES", "10")
    monkeypatch.setenv("KYODO_TRUSTED_PROXIES", "10.0.0.5, 10.0.0.6")
    loaded = ConsoleSettings.from_environment()
    assert loaded.lockout.failures == 7 and loaded.lockout.minutes == 15
    assert loaded.sessions.idle_minutes == 10 and loaded.sessions.absolute_hours == 12
    assert loaded.trusted_proxies == {"10.0.0.5", "10.0.0.6"}
