"""Opaque cursors: the sort key of the last item seen, signed so clients can't build them.

A cursor is `<base64url JSON key>.<base64url HMAC-SHA256>`. Only a cursor this deployment
issued is accepted, so a crafted one (right base64, wrong shape) is a 422 naming `cursor`, never
a key a repository chokes on. A list sorted in more than one way names its ordering, so a cursor
of one ordering is refused by another (its key has another shape).

The key is KYODO_CURSOR_KEY (set it in production, the same for every copy of a service);
without it, the embedded default derives one from the deployment's data directory and broker
address. Changing the key only makes outstanding cursors invalid.
"""
import base64
import binascii
import functools
import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.common.errors import ValidationFailed
from services.common.settings import amqp_uri

_MAC_BYTES = 16  # 128 bits: forging one is out of reach, and cursors stay short
_MAX_CURSOR_LENGTH = 2000
_MAX_KEY_PARTS = 12


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None


def page_of(items: list, limit: int, sort_key, ordering: str = "") -> Page:
    """A full page carries a cursor to the next; a short one is the last."""
    full = len(items) == limit and items
    return Page(items, encode_cursor(sort_key(items[-1]), ordering) if full else None)


def encode_cursor(key: list, ordering: str = "") -> str:
    payload = _b64(json.dumps(key, ensure_ascii=False).encode())
    return f"{payload}.{_b64(_mac(payload, ordering))}"


def decode_cursor(cursor: str | None, ordering: str = "") -> list | None:
    if not cursor:
        return None
    payload, _, signature = cursor.partition(".")
    if len(cursor) > _MAX_CURSOR_LENGTH or not cursor.isascii() or not hmac.compare_digest(
            _unb64(signature) or b"-", _mac(payload, ordering)):
        raise _invalid()
    try:
        key = json.loads(_unb64(payload) or b"")
    except ValueError as exc:
        raise _invalid() from exc
    if not (isinstance(key, list) and 0 < len(key) <= _MAX_KEY_PARTS
            and all(isinstance(part, (str, int, float)) for part in key)):
        raise _invalid()
    return key


def cursor_key() -> bytes:
    configured = os.environ.get("KYODO_CURSOR_KEY")
    if configured:
        return configured.encode()
    return _derived_key(str(Path(os.environ.get("KYODO_DATA_DIR", "var")).resolve()), amqp_uri())


@functools.lru_cache(maxsize=4)
def _derived_key(data_dir: str, broker: str) -> bytes:
    # scrypt, not a plain hash: a cursor must not be a cheap oracle for guessing the broker's
    # password. Production sets KYODO_CURSOR_KEY instead.
    return hashlib.scrypt(f"{data_dir}|{broker}".encode(), salt=b"kyodo cursor key",
                          n=2 ** 14, r=8, p=1, dklen=32)


def _mac(payload: str, ordering: str) -> bytes:
    message = f"{ordering}|{payload}".encode()
    return hmac.new(cursor_key(), message, hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode((text + "=" * (-len(text) % 4)).encode("ascii"))
    except (ValueError, binascii.Error, UnicodeEncodeError):
        return None


def _invalid() -> ValidationFailed:
    return ValidationFailed("カーソルが不正です / invalid cursor",
                            {"cursor": ["このカーソルは使えません。前の応答の next_cursor をそのまま送ってください / "
                                        "not a cursor this API issued: send a previous next_cursor as it is"]})
