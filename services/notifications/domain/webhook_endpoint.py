"""A webhook endpoint an organisation, partner or service registers, with its signing secrets.

Rotation keeps the previous secret active for a day beside the new one, so the receiver can
switch at its own pace. An endpoint that keeps failing is disabled (at once on 410 Gone).
"""
import ipaddress
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


def check_destination(url: str, allow_private: bool) -> None:
    """Refuse a URL that points into the platform's own network unless configured to allow it
    (a webhook must not become a way to probe internal services)."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        raise invalid(url="URL にホスト名がありません / the URL has no host")
    if allow_private:
        return
    if host == "localhost" or host.endswith(".localhost") or host.endswith(".internal"):
        raise invalid(url="内部ネットワークの URL は登録できません / private-network URLs are not allowed")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return
    if not address.is_global:
        raise invalid(url="内部ネットワークの URL は登録できません / private-network URLs are not allowed")
