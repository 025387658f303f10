"""Names from registry for the visit list: asked on behalf of the caller with a signed actor,
and no names (None) rather than a hung request when registry is slow, refuses or is absent."""
import eventlet
import pytest
from nameko.exceptions import RemoteError, UnknownService

from services.common import signed_actor
from services.common.actor import Actor
from services.common.errors import NotFound
from services.notifications.entrypoints.registry_names import RegistryRosterNames

OPERATOR = Actor("operator", None, "op-1")


class Reply:
    def __init__(self, answer):
        self._answer = answer

    def result(self):
        if isinstance(self._answer, Exception):
            raise self._answer
        if self._answer == "never":
            eventlet.sleep(30)
        return self._answer


class Method:
    def __init__(self, name, answer, calls):
        self._name, self._answer, self._calls = name, answer, calls

    def call_async(self, actor, request):
        self._calls.append((self._name, actor, request))
        return Reply(self._answer)


class Registry:
    def __init__(self, answer):
        self.answer, self.calls = answer, []

    def __getattr__(self, name):
        return Method(name, self.answer, self.calls)


@pytest.fixture(autouse=True)
def signing_key(monkeypatch):
    monkeypatch.setenv(signed_actor.SIGNING_KEY_VARIABLE, "k" * 40)


def test_names_come_signed_for_the_callers_own_call():
    registry = Registry({"items": [{"entry_id": "e-1", "name": "佐藤 花子"}], "name": "今津一区自治会"})
    names = RegistryRosterNames(registry, OPERATOR, timeout=5)
    assert names.household_names("org-1") == {"e-1": "佐藤 花子"}
    assert names.organisation_name("org-1") == "今津一区自治会"
    (method, actor, request), _ = registry.calls
    assert (method, request) == ("roster_display_names", {"organisation_id": "org-1"})
    verified = signed_actor.verify(actor, "registry", method, request)
    assert verified.actor == OPERATOR


@pytest.mark.parametrize("answer", ["never", NotFound("団体が見つかりません"),
                                    UnknownService("registry"), RemoteError("OperationalError")])
def test_a_slow_refusing_or_absent_registry_gives_no_names(answer):
    names = RegistryRosterNames(Registry(answer), OPERATOR, timeout=0.2)
    assert names.household_names("org-1") is None and names.organisation_name("org-1") is None
