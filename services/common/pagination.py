"""Opaque cursors: the sort key of the last item seen, base64 so clients don't build them."""
import base64
import json

from dataclasses import dataclass
from typing import Any

from services.common.errors import ValidationFailed


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None


def page_of(items: list, limit: int, sort_key) -> Page:
    """A full page carries a cursor to the next; a short one is the last."""
    cursor = encode_cursor(sort_key(items[-1])) if len(items) == limit and items else None
    return Page(items, cursor)


def encode_cursor(key: list) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> list | None:
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except ValueError as exc:
        raise ValidationFailed("カーソルが不正です / invalid cursor",
                               {"cursor": ["invalid cursor"]}) from exc
    if not isinstance(key, list):
        raise ValidationFailed("カーソルが不正です / invalid cursor", {"cursor": ["invalid cursor"]})
    return key
