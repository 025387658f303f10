"""The console's settings from the environment, with safe defaults."""
import os
from dataclasses import dataclass

from gateway.console.accounts import LockoutPolicy
from gateway.console.sessions import SessionPolicy


@dataclass(frozen=True)
class ConsoleSettings:
    lockout: LockoutPolicy
    sessions: SessionPolicy
    # "auto": Secure cookies when the request came over HTTPS (directly, or as a trusted proxy's
    # X-Forwarded-Proto says); "always" / "never" decide for every request.
    secure_cookies: str
    trusted_proxies: frozenset[str]

    @classmethod
    def from_environment(cls) -> "ConsoleSettings":
        proxies = os.environ.get("KYODO_TRUSTED_PROXIES", "")
        return cls(LockoutPolicy.from_environment(), SessionPolicy.from_environment(),
                   os.environ.get("KYODO_CONSOLE_SECURE_COOKIES", "auto"),
                   frozenset(address.strip() for address in proxies.split(",") if address.strip()))

    def served_securely(self, request) -> bool:
        if self.secure_cookies in ("always", "never"):
            return self.secure_cookies == "always"
        if request.scheme == "https":
            return True
        return (request.remote_addr in self.trusted_proxies
                and request.headers.get("X-Forwarded-Proto", "").lower() == "https")
