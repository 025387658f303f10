"""Signed, unguessable tokens for links that work without an API key (one-click unsubscribe)
and for the code that confirms an e-mail address.

HMAC-SHA256 with the service's signing key: nothing to store, and a token for one address
cannot be turned into one for another.
"""
import base64
import hashlib
import hmac

from services.common.errors import ValidationFailed


def _mac(key: bytes, purpose: str, value: str) -> bytes:
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).digest()


def make_token(key: bytes, purpose: str, value: str) -> str:
    mac = base64.urlsafe_b64encode(_mac(key, purpose, value)[:18]).decode().rstrip("=")
    encoded = base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")
    return f"{encoded}.{mac}"


def read_token(key: bytes, purpose: str, token: str) -> str:
    """The value a valid token carries; a forged or mangled one is a 4xx."""
    try:
        encoded, mac = token.split(".", 1)
        value = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        value, mac = "", ""
    if not value or not hmac.compare_digest(make_token(key, purpose, value).split(".", 1)[1], mac):
        raise ValidationFailed("リンクが無効です / invalid or altered link",
                               {"token": ["invalid token"]})
    return value


def confirmation_code(key: bytes, address_id: str, address: str) -> str:
    """Eight digits a person can type, bound to this address and this registration."""
    number = int.from_bytes(_mac(key, "confirm", f"{address_id}:{address}")[:8], "big")
    return f"{number % 10**8:08d}"
