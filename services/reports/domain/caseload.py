"""The support center's caseload (P1.1.1) from registry's consultation events: cases per month
opened, topic and current status, with follow-ups and referrals counted. No notes, no names."""
from dataclasses import dataclass


@dataclass(frozen=True)
class CaseloadRow:
    month: str  # YYYY-MM the consultation was opened (UTC)
    topic: str
    status: str
    consultations: int


@dataclass(frozen=True)
class Caseload:
    rows: list[CaseloadRow]
    by_status: dict[str, int]
    by_channel: dict[str, int]
    follow_ups: int
    referrals: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())
