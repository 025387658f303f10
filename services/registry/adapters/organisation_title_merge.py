"""A search of several terms ranked from the title streams, stopping once the page is settled.

Every hit of the better tiers (EXACT, PREFIX, SUBSTRING) has all its terms in its titles, and
its rank is at least (PREFIX at position 0, else SUBSTRING, 0, p, name length, name, id), p
being where its earliest term first occurs in a title. Each term's title stream (its rarest
bigram in organisation_positions, shifted by the bigram's offset in the term) lists
organisations in that order; merging the streams meets every such hit no later than that floor.
A hit ranks PREFIX only if its first term starts a title (the whole query, or every term,
does), so once the first term's stream is past position 0 the floor is SUBSTRING. The hits met
so far are ranked exactly (search_key), and the merge stops when the floor of the unread rows
is past the page's last key: a query with thousands of hits reads a few of them.
When the streams run out before a page is full, the DESCRIPTION tier may fill it: the caller
ranks every hit instead (None).
"""
from __future__ import annotations

from bisect import insort

from sqlalchemy.orm import Session

from services.registry.adapters import organisation_search_stages as stages
from services.registry.adapters.organisation_search_statements import SearchShape
from services.registry.domain.directory import matches, search_key
from services.registry.domain.japanese_text import MatchTier

_CHUNK = 64  # stream rows read at a time


def ranked_from_title_streams(session: Session, terms: list[str], offsets: list[int],
                              whole_offset: int, shape: SearchShape, values: dict, limit: int,
                              after: list | None) -> list | None:
    """One page of organisation rows best first, or None (see the module)."""
    whole_gram = "".join(terms)[whole_offset:whole_offset + 2]
    page: list[tuple[list, object]] = []  # (key, row), sorted, at most `limit`
    seen: set[str] = set()

    def rank(rows) -> None:
        for row in rows:
            seen.add(row.id)
            if not matches(terms, row.name_norm, row.kana_norm, row.description_norm):
                continue
            key = search_key(terms, row.name_norm, row.kana_norm, row.description_norm,
                             row.name, row.id)
            if after is not None and key <= after:
                continue
            if len(page) < limit or key < page[-1][0]:
                insort(page, (key, row), key=lambda pair: pair[0])
                del page[limit:]

    rank(session.execute(stages.titled_exactly(shape),
                         {**values, "texts": ["".join(terms), *terms]}))
    grams = [term[offset:offset + 2] for term, offset in zip(terms, offsets)]
    streams = [_Stream(session, gram, offset, grams[:i] + grams[i + 1:])
               for i, (gram, offset) in enumerate(zip(grams, offsets))]
    whole = _Stream(session, whole_gram, whole_offset, grams)
    while True:
        heads = [(head, stream) for stream in streams if (head := stream.head()) is not None]
        if not heads:  # every hit with all its terms in its titles has been met
            return [row for _, row in page] if len(page) == limit else None
        floor, advance = _floor(heads, whole)
        if len(page) == limit and list(floor) > page[-1][0]:
            return [row for _, row in page]
        met = list(dict.fromkeys(row[3] for stream in advance for row in stream.take()
                                 if row[3] not in seen))
        if met:
            rank(session.execute(stages.organisations_among(shape), {**values, "ids": met}))


def _floor(heads: list, whole: "_Stream") -> tuple[tuple, list]:
    """The least key an organisation not met yet can have, and the streams that hold it.

    PREFIX needs the whole query to start a title (the whole query's stream at position 0) or
    every term to (each term's stream at 0, the organisation not before any of their heads);
    anything else is SUBSTRING at the position where its earliest term first occurs in a title,
    which the merged term streams have not passed yet. EXACT ones were met first."""
    head, stream = min(heads, key=lambda pair: pair[0])
    floors = [((int(MatchTier.SUBSTRING), 0, *head), [stream])]
    whole_head = whole.head()
    if whole_head is not None and whole_head[0] == 0:
        floors.append(((int(MatchTier.PREFIX), 0, *whole_head), [whole]))
    if all(h[0] == 0 for h, _ in heads):
        floors.append(((int(MatchTier.PREFIX), 0, *max(h for h, _ in heads)),
                       [s for _, s in heads]))
    return min(floors, key=lambda pair: pair[0])


class _Stream:
    """One term's title rows, read a chunk at a time, as (position in the term's terms, name
    length, name, id): the bigram's position less its offset in the term."""

    def __init__(self, session: Session, gram: str, offset: int, others: list[str]):
        self._session, self._offset = session, offset
        self._values = {"gram": gram, "offset": offset, "limit": _CHUNK,
                        **{f"other{i}": other for i, other in enumerate(others)}}
        self._statement = stages.title_stream(len(others))
        self._rows: list[tuple] = []
        self._last = (-1, -1, "", "")
        self._done = False

    def head(self) -> tuple | None:
        if not self._rows and not self._done:
            rows = self._session.execute(self._statement, {
                **self._values, "after_position": self._last[0] + self._offset,
                "after_length": self._last[1], "after_name": self._last[2],
                "after_id": self._last[3]}).all()
            self._rows = [(position - self._offset, length, name, organisation_id)
                          for position, length, name, organisation_id in rows]
            self._done = len(rows) < _CHUNK
            if rows:
                self._last = self._rows[-1]
        return self._rows[0] if self._rows else None

    def take(self) -> list[tuple]:
        """The rows read so far, removed from the stream."""
        taken, self._rows = self._rows, []
        return taken
