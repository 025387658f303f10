"""Pages of a list the API returns whole (dead letters, API keys): the console shows it page by
page with numbered links."""
from dataclasses import dataclass


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
