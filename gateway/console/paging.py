"""Pages of a list the API returns whole (dead letters, API keys): the console shows it page by
page with numbered links."""
import unicodedata
from dataclasses import dataclass

# Katakana to hiragana: ア (U+30A1) … ヶ (U+30F6) sit 0x60 above their hiragana.
_HIRAGANA = {code: code - 0x60 for code in range(0x30A1, 0x30F7)}


def fold(text: str) -> str:
    """What people type, in one form: full/half width (NFKC), case, katakana as hiragana and no
    spaces, so ｺﾄﾞﾓ, コドモ and こども find each other."""
    folded = unicodedata.normalize("NFKC", text or "").casefold().translate(_HIRAGANA)
    return "".join(folded.split())


def contains(text: str, query: str) -> bool:
    return fold(query) in fold(text)


@dataclass(frozen=True)
class InPage:
    items: list
    number: int          # 1-based, clamped to the pages there are
    has_previous: bool
    has_next: bool


def in_page(items: list, asked: str | None, size: int) -> InPage:
    """The asked page (a query value: anything not a positive number is page 1)."""
    number = int(asked) if asked and asked.isdigit() and int(asked) > 0 else 1
    last = max(1, -(-len(items) // size))
    number = min(number, last)
    start = (number - 1) * size
    return InPage(items[start:start + size], number, number > 1, number < last)
