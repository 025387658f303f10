"""Reads what every service holds after a workload and compares it with the history.

Per guarantee ("view": one service's effects of one kind of command):
  lost        acknowledged commands without their effect
  duplicated  effects applied more than once (the view counts applications, not rows)
  unexpected  effects of no acknowledged and no unknown command
and whether everything drained: broker queues empty, outboxes sent, no dead letters.
Tests assert on these figures and print `report.figures()`.
"""
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import create_engine, text

from tests.support.history import History


@dataclass
class ViewReport:
    name: str
    acknowledged: int
    unknown: int
    applied: int            # distinct keys with an effect
    lost: list[str]
    duplicated: dict[str, int]
    unexpected: list[str]
    unknown_applied: int    # unknown commands that did take effect (allowed either way)


@dataclass
class Report:
    views: list[ViewReport] = field(default_factory=list)
    queues: dict[str, tuple[int, int]] = field(default_factory=dict)   # name: (ready, unacked)
    outbox_unsent: dict[str, int] = field(default_factory=dict)
    dead_letters: dict[str, int] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def lost(self) -> int:
        return sum(len(v.lost) for v in self.views)

    @property
    def duplicated(self) -> int:
        return sum(len(v.duplicated) for v in self.views)

    @property
    def unexpected(self) -> int:
        return sum(len(v.unexpected) for v in self.views)

    @property
    def queued(self) -> int:
        """Messages still on a queue that should be empty (retry queues hold them on purpose
        only while a retry is pending; after a drain they must be empty too)."""
        return sum(ready + unacked for ready, unacked in self.queues.values())

    @property
    def unsent(self) -> int:
        return sum(self.outbox_unsent.values())

    @property
    def dead(self) -> int:
        return sum(self.dead_letters.values())

    @property
    def drained(self) -> bool:
        return self.queued == 0 and self.unsent == 0

    def view(self, name: str) -> ViewReport:
        return next(v for v in self.views if v.name == name)

    def figures(self) -> str:
        lines = []
        for v in self.views:
            lines.append(f"  {v.name}: acknowledged {v.acknowledged}, unknown {v.unknown} "
                         f"({v.unknown_applied} took effect), applied {v.applied}, lost {len(v.lost)}, "
                         f"duplicated {len(v.duplicated)}, unexpected {len(v.unexpected)}")
        busy = {name: depth for name, depth in self.queues.items() if depth != (0, 0)}
        lines.append(f"  queues: {len(self.queues)} checked, not empty {busy or 'none'}; outbox unsent "
                     f"{self.outbox_unsent}; dead letters {self.dead_letters}")
        for name, value in self.extra.items():
            lines.append(f"  {name}: {value}")
        return "\n".join(lines)


def compare(name: str, history: History, effects: Counter, kind: str | None = None) -> ViewReport:
    """One view: `effects` counts how many times each key's effect was applied."""
    acknowledged = history.acknowledged(kind)
    unknown = history.unknown(kind)
    applied = {key for key, count in effects.items() if count > 0}
    return ViewReport(
        name=name, acknowledged=len(acknowledged), unknown=len(unknown), applied=len(applied),
        lost=sorted(acknowledged - applied),
        duplicated={key: count for key, count in effects.items() if count > 1},
        unexpected=sorted(applied - acknowledged - unknown),
        unknown_applied=len(unknown & applied))


# --- reading a service's database ------------------------------------------------------------

def sql_counter(database_url: str, query: str) -> Counter:
    """`query` selects (key, applications) rows, e.g. `SELECT message_id, count(*) … GROUP BY`."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return Counter({str(key): int(count) for key, count in connection.execute(text(query))})
    finally:
        engine.dispose()


def sql_scalar(database_url: str, query: str) -> int:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(query)).scalar() or 0)
    finally:
        engine.dispose()


def outbox_unsent(database_url: str) -> int:
    return sql_scalar(database_url, "SELECT count(*) FROM outbox WHERE sent_at IS NULL")


def dead_letters(database_url: str) -> int:
    return sql_scalar(database_url, "SELECT count(*) FROM dead_letters WHERE replayed_at IS NULL")
