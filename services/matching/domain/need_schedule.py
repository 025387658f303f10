"""When a need takes place: one-off dates, a weekly recurrence with an end, or neither (flexible)."""
from dataclasses import dataclass
from datetime import date

from services.matching.domain.ranking.profiles import Occurrence, TimeBand, weekly_occurrences

# A recurrence longer than this is refused: its occurrences are expanded for ranking.
MAX_RECURRENCE_DAYS = 366


@dataclass(frozen=True)
class OneOff:
    on: date
    band: str
    hours: float


@dataclass(frozen=True)
class Weekly:
    weekday: int
    band: str
    hours: float
    starts: date
    ends: date


@dataclass(frozen=True)
class NeedSchedule:
    dates: tuple[OneOff, ...] = ()
    weekly: Weekly | None = None

    @property
    def flexible(self) -> bool:
        return not self.dates and self.weekly is None

    def occurrences(self) -> tuple[Occurrence, ...]:
        found = [Occurrence(d.on, TimeBand(d.band), d.hours) for d in self.dates]
        if self.weekly is not None:
            w = self.weekly
            found.extend(weekly_occurrences(w.starts, w.ends, w.weekday, TimeBand(w.band), w.hours))
        return tuple(found)

    def last_day(self) -> date | None:
        days = [d.on for d in self.dates] + ([self.weekly.ends] if self.weekly else [])
        return max(days) if days else None

    def as_dict(self) -> dict:
        return {"dates": [{"on": d.on.isoformat(), "band": d.band, "hours": d.hours} for d in self.dates],
                "weekly": None if self.weekly is None else {
                    "weekday": self.weekly.weekday, "band": self.weekly.band, "hours": self.weekly.hours,
                    "starts": self.weekly.starts.isoformat(), "ends": self.weekly.ends.isoformat()}}

    @classmethod
    def from_dict(cls, data: dict | None) -> "NeedSchedule":
        if not data:
            return cls()
        weekly = data.get("weekly")
        return cls(
            dates=tuple(OneOff(date.fromisoformat(d["on"]), d["band"], float(d["hours"]))
                        for d in data.get("dates") or ()),
            weekly=None if not weekly else Weekly(
                int(weekly["weekday"]), weekly["band"], float(weekly["hours"]),
                date.fromisoformat(weekly["starts"]), date.fromisoformat(weekly["ends"])))


def schedule_problems(schedule: NeedSchedule) -> str | None:
    if schedule.weekly is not None:
        w = schedule.weekly
        if w.starts > w.ends:
            return "繰り返しの開始日が終了日より後です / the recurrence starts after it ends"
        if (w.ends - w.starts).days > MAX_RECURRENCE_DAYS:
            return "繰り返しは1年以内にしてください / a recurrence may last at most a year"
        if not schedule.occurrences():
            return "繰り返しの期間にその曜日がありません / the recurrence has no such weekday in its period"
    return None
