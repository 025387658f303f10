"""Addresses people give notifications: e-mail addresses and LINE user ids. One is used only
after it is confirmed (double opt-in: a code sent to it comes back), and one click in any
e-mail stops it.
"""
import hmac
from dataclasses import dataclass
from datetime import datetime

from services.common.errors import Conflict, ValidationFailed


@dataclass
class ContactAddress:
    id: str
    recipient_id: str
    channel: str  # email | line
    address: str
    created_at: datetime
    confirmed_at: datetime | None = None
    unsubscribed_at: datetime | None = None

    @property
    def usable(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @property
    def status(self) -> str:
        if self.unsubscribed_at:
            return "unsubscribed"
        return "confirmed" if self.confirmed_at else "pending_confirmation"

    def confirm(self, given_code: str, expected_code: str, now: datetime) -> None:
        if self.unsubscribed_at:
            raise Conflict("配信停止済みのアドレスです / this address was unsubscribed")
        if not hmac.compare_digest(given_code, expected_code):
            raise ValidationFailed("確認コードが違います / the code does not match",
                                   {"code": ["does not match"]})
        self.confirmed_at = self.confirmed_at or now

    def unsubscribe(self, now: datetime) -> None:
        self.unsubscribed_at = self.unsubscribed_at or now
