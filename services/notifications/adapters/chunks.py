"""Long IN lists in slices: SQLite caps the number of bound parameters in one statement."""
from collections.abc import Iterator

CHUNK = 900


def chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start:start + size]
