"""The key that signs calendar feed URLs: KYODO_CALENDAR_FEED_KEY, or one derived from the cursor
key (itself configured or derived), so every copy of matching signs and checks feeds alike.
Changing it invalidates every feed URL handed out."""
import hashlib
import hmac
import os

from services.common.pagination import cursor_key


def calendar_feed_key() -> bytes:
    configured = os.environ.get("KYODO_CALENDAR_FEED_KEY")
    if configured:
        return configured.encode()
    # A separate key, so a cursor's MAC is never valid as a feed token's and vice versa.
    return hmac.new(cursor_key(), b"kyodo calendar feed key", hashlib.sha256).digest()
