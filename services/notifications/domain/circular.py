"""The e-回覧板: a neighbourhood association's circular to its member households.

Every household listed on the association's roster gets a receipt row; one with an account is
reached in its inbox and on its own channels, one without is a paper household (a 班長 visits
it). A read is the household's own 「確認しました」, in the inbox or by the signed link in the
message; the first one counts, like an inbox message's.
"""
import re
from dataclasses import dataclass
from datetime import datetime

from services.common.errors import INVALID_INPUT, ValidationFailed

NEIGHBOURHOOD_ASSOCIATION = "neighbourhood_association"  # registry's kind for 自治会・町内会
_MONTH = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True)
class MemberHousehold:
    """One roster entry of an association as registry announced it: ids only."""
    entry_id: str
    organisation_id: str
    person_id: str | None  # the account behind it, or none: a paper household


@dataclass(frozen=True)
class Circular:
    id: str
    organisation_id: str
    author_id: str  # the inbox of whoever sent it: the association's key or an operator
    title: str
    body: str
    month: str | None  # "2026-12": the issue the circular is for
    critical: bool
    sent_at: datetime

    def __post_init__(self):
        problems = {}
        if not self.title.strip():
            problems["title"] = ["件名を入れてください / a title is required"]
        if not self.body.strip():
            problems["body"] = ["本文を入れてください / a body is required"]
        if self.month is not None and not _valid_month(self.month):
            problems["month"] = ["月は 2026-12 の形で入れてください / a month as YYYY-MM (01–12)"]
        if problems:
            raise ValidationFailed(INVALID_INPUT, problems)

    @property
    def month_label(self) -> str | None:
        """The issue's heading: 2026-12 → 「2026年12月号」."""
        if self.month is None:
            return None
        year, month = self.month.split("-")
        return f"{int(year)}年{int(month)}月号"


@dataclass
class HouseholdReceipt:
    """既読/未読 of one circular for one household."""
    circular_id: str
    entry_id: str
    person_id: str | None
    read_at: datetime | None = None

    @property
    def paper(self) -> bool:
        return self.person_id is None

    def mark_read(self, now: datetime) -> None:
        self.read_at = self.read_at or now


@dataclass(frozen=True)
class HouseholdRead:
    """One household's line in a circular's reads."""
    entry_id: str
    name: str
    paper: bool
    read_at: datetime | None


@dataclass(frozen=True)
class CircularReads:
    """The counts an announcement's ReadReceipts give, per household; `names` are the
    households' names as registry shows them to the caller (None: registry did not answer)."""
    circular: Circular
    households: list[HouseholdReceipt]
    names: dict[str, str] | None = None

    @property
    def rows(self) -> list[HouseholdRead]:
        names = self.names or {}
        return [HouseholdRead(h.entry_id, names.get(h.entry_id, ""), h.paper, h.read_at)
                for h in self.households]

    @property
    def read(self) -> int:
        return sum(1 for h in self.households if h.read_at is not None)

    @property
    def unread(self) -> list[HouseholdReceipt]:
        return [h for h in self.households if h.read_at is None]


def _valid_month(month: str) -> bool:
    found = _MONTH.fullmatch(month)
    return bool(found) and 1 <= int(found.group(2)) <= 12
