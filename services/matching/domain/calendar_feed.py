"""A subscribable calendar feed's token: who it is for and which version, signed.

Calendar apps cannot send an API key, so the feed URL itself is the credential. The token is
`<base64url "participant|version">.<base64url HMAC-SHA256>`; matching keeps one version per
participant, and rotating it makes every earlier URL fail the version check.
"""
import base64
import binascii
import hashlib
import hmac

_MAC_BYTES = 16  # 128 bits: out of reach of guessing, and the URL stays short
MAX_TOKEN_LENGTH = 300


def feed_token(participant: str, version: int, key: bytes) -> str:
    payload = _b64(f"{participant}|{version}".encode())
    return f"{payload}.{_b64(_mac(payload, key))}"


def read_feed_token(token: str, key: bytes) -> tuple[str, int] | None:
    """(participant, version) of a token this deployment signed, or None for anything else."""
    payload, _, signature = token.partition(".")
    if len(token) > MAX_TOKEN_LENGTH or not token.isascii() or not hmac.compare_digest(
            _unb64(signature) or b"-", _mac(payload, key)):
        return None
    participant, _, version = (_unb64(payload) or b"").decode(errors="replace").rpartition("|")
    if not participant or not version.isdigit():
        return None
    return participant, int(version)


def _mac(payload: str, key: bytes) -> bytes:
    return hmac.new(key, f"calendar-feed|{payload}".encode(), hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode("ascii"))
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return None
