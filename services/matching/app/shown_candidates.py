"""Who was shown as a candidate, stored durably, many reads' impressions in one commit.

Impressions feed the exposure report and the fairness re-ranking, so they are facts that must
survive a crash; but storing them in a commit of each read made every read pay a durable commit
of its own. Here concurrent reads share one (group commit): a read adds its rows to the open
batch; if no batch is being stored, it stores the open one (its own and whatever others added);
otherwise it waits, and the next batch is stored as soon as the one in progress is. A read is
answered only once its rows are stored; if a store fails, every read in that batch fails with
it and none of their rows is kept.
"""
import threading
from datetime import datetime

from services.matching.app.ports import MatchingUnitOfWork

Impression = tuple[str, str, datetime]  # talent id, need id, shown at


class _Batch:
    def __init__(self):
        self.rows: list[Impression] = []
        self.done = False
        self.error: BaseException | None = None


class ShownCandidates:
    """The process's impressions on their way to the database (green- and thread-safe)."""

    def __init__(self):
        self._made = threading.Lock()
        self._condition: threading.Condition | None = None
        self._open = _Batch()
        self._storing = False

    @property
    def _changed(self) -> threading.Condition:
        # Made at first use, not at import: a condition made before eventlet patches threading
        # cannot be waited on by green threads.
        with self._made:
            if self._condition is None:
                self._condition = threading.Condition()
            return self._condition

    def store(self, uow: MatchingUnitOfWork, shown: list[Impression]) -> None:
        """Return once `shown` is committed; raise what storing its batch raised."""
        if not shown:
            return
        with self._changed:
            batch = self._open
            batch.rows.extend(shown)
            while not batch.done:
                if not self._storing:  # nobody is storing: ours is the open batch; store it
                    self._storing, self._open = True, _Batch()
                    break
                self._changed.wait()
        if not batch.done:
            try:
                _store(uow, batch.rows)
            except BaseException as error:
                batch.error = error
            with self._changed:
                batch.done, self._storing = True, False
                self._changed.notify_all()
        if batch.error is not None:
            raise batch.error


def _store(uow: MatchingUnitOfWork, rows: list[Impression]) -> None:
    # A talent erased since the ranking is not named again.
    with uow:
        still_here = uow.talents.known({talent_id for talent_id, _, _ in rows})
        uow.impressions.record([row for row in rows if row[0] in still_here])
        uow.commit()


SHOWN = ShownCandidates()
