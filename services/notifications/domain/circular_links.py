"""The signed 「確認しました」 link of one household's copy of a circular: the token is the
credential (no API key), bound to the circular and the household, and it expires."""
from datetime import datetime, timedelta, timezone

from services.common.errors import ValidationFailed
from services.notifications.domain.signed_tokens import make_token, read_token

PURPOSE = "circular_read"
# Long enough for a monthly circular read late; a leaked link stops working after this.
LIFETIME = timedelta(days=90)


def read_link_token(key: bytes, circular_id: str, entry_id: str, expires_at: datetime) -> str:
    return make_token(key, PURPOSE, f"{circular_id}:{entry_id}:{int(expires_at.timestamp())}")


def household_of(key: bytes, token: str, now: datetime) -> tuple[str, str]:
    """(circular id, household entry id) a valid, unexpired token names; otherwise a 4xx."""
    circular_id, entry_id, expires = read_token(key, PURPOSE, token).split(":")
    if now >= datetime.fromtimestamp(int(expires), timezone.utc):
        raise ValidationFailed("リンクの有効期限が切れています / this link has expired",
                               {"token": ["expired"]})
    return circular_id, entry_id
