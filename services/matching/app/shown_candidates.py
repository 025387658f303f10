"""Who was shown as a candidate, kept in memory and stored in batches.

Listing candidates is a read; storing its impressions in the request made every read pay a
durable commit (an fsync on SQLite, during which the process's other requests wait) — most of
its cost. Impressions feed only the exposure report (how often each group was shown over weeks),
so they are stored by a timer at most a second or so later, many in one transaction. A crash or
a stop loses the impressions not yet stored: a few seconds' counts in that report, nothing else.
"""
import threading
from datetime import datetime

from services.matching.app.ports import MatchingUnitOfWork

Impression = tuple[str, str, datetime]  # talent id, need id, shown at


class ShownCandidates:
    """Impressions not yet stored, shared by the process's requests (thread-safe)."""

    def __init__(self):
        self._pending: list[Impression] = []
        self._lock = threading.Lock()

    def add(self, shown: list[Impression]) -> None:
        with self._lock:
            self._pending.extend(shown)

    def take(self) -> list[Impression]:
        with self._lock:
            taken, self._pending = self._pending, []
        return taken

    def put_back(self, impressions: list[Impression]) -> None:
        with self._lock:
            self._pending[:0] = impressions


SHOWN = ShownCandidates()


def store_shown(uow: MatchingUnitOfWork, shown: ShownCandidates = SHOWN) -> int:
    """Store the pending impressions in one transaction; those of a talent erased meanwhile are
    dropped (they would name the person again). Kept for the next try if storing fails."""
    pending = shown.take()
    if not pending:
        return 0
    try:
        with uow:
            still_here = uow.talents.known({talent_id for talent_id, _, _ in pending})
            kept = [row for row in pending if row[0] in still_here]
            uow.impressions.record(kept)
            uow.commit()
    except BaseException:
        shown.put_back(pending)
        raise
    return len(kept)
