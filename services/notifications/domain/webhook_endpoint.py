"""A webhook endpoint an organisation, partner or service registers, with its signing secrets.

Rotation keeps the previous secret active for a day beside the new one, so the receiver can
switch at its own pace. An endpoint that keeps failing is disabled (at once on 410 Gone).
"""
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from services.common.errors import Conflict, invalid

PREVIOUS_SECRET_GRACE = timedelta(hours=24)
ACTIVE, DISABLED = "active", "disabled"


@dataclass
class EndpointSecret:
    secret: str
    created_at: datetime
    expires_at: datetime | None = None

    def active(self, now: datetime) -> bool:
        return self.expires_at is None or self.expires_at > now


@dataclass
class WebhookEndpoint:
    id: str
    owner_id: str  # the recipient id of the key that registered it
    url: str
    event_types: tuple[str, ...]  # empty: every event its owner hears about
    description: str
    created_at: datetime
    secrets: list[EndpointSecret] = field(default_factory=list)
    status: str = ACTIVE
    disabled_reason: str | None = None
    disabled_at: datetime | None = None

    def wants(self, event_type: str) -> bool:
        return self.status == ACTIVE and (not self.event_types or event_type in self.event_types)

    def active_secrets(self, now: datetime) -> list[str]:
        return [s.secret for s in sorted(self.secrets, key=lambda s: s.created_at, reverse=True)
                if s.active(now)]

    def rotate(self, new_secret: str, now: datetime) -> None:
        """The new secret signs from now on; the others stay valid for the grace period."""
        for old in self.secrets:
            if old.active(now):
                old.expires_at = min(old.expires_at or now + PREVIOUS_SECRET_GRACE,
                                     now + PREVIOUS_SECRET_GRACE)
        self.secrets.append(EndpointSecret(new_secret, now))

    def disable(self, reason: str, now: datetime) -> bool:
        """True when this call disabled it (the owner is told once)."""
        if self.status == DISABLED:
            return False
        self.status, self.disabled_reason, self.disabled_at = DISABLED, reason, now
        return True

    def enable(self) -> None:
        if self.status == ACTIVE:
            raise Conflict("この送信先は有効です / the endpoint is already active")
        self.status, self.disabled_reason, self.disabled_at = ACTIVE, None, None


PRIVATE_URL = "内部ネットワークの URL は登録できません / private-network URLs are not allowed"
RESOLVES_PRIVATE = ("内部ネットワークのアドレスに解決されます / the host resolves to a private "
                    "address")


def is_private(address: str) -> bool:
    """Anything but a global unicast address: 10/8, 172.16/12, 192.168/16, 127/8, 169.254/16,
    ::1, fc00::/7, fe80::/10, … (and an IPv4 address written as IPv6)."""
    parsed = ipaddress.ip_address(address)
    if parsed.version == 6 and parsed.ipv4_mapped:
        parsed = parsed.ipv4_mapped
    return not parsed.is_global


def literal_address(host: str) -> str | None:
    """The host itself when it is an IP address, else None (a name to resolve)."""
    try:
        return str(ipaddress.ip_address(host))
    except ValueError:
        return None


def check_destination(url: str, allow_private: bool,
                      addresses_of: Callable[[str], list[str]]) -> None:
    """Refuse a URL that points into the platform's own network unless configured to allow it
    (a webhook must not become a way to probe internal services): by its name, its literal
    address, or the addresses its name resolves to now. A name that does not resolve yet is
    accepted; every send resolves and checks it again."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")  # "localhost." is localhost
    if not host:
        raise invalid(url="URL にホスト名がありません / the URL has no host")
    if allow_private:
        return
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".internal"):
        raise invalid(url=PRIVATE_URL)
    literal = literal_address(host)
    if literal is not None:
        if is_private(literal):
            raise invalid(url=PRIVATE_URL)
        return
    if any(is_private(address) for address in addresses_of(host)):
        raise invalid(url=RESOLVES_PRIVATE)
