"""How a person wants to hear: per channel immediate / daily digest / weekly digest / off,
quiet hours in their own time zone, a language, and a cap on immediate messages a day.

Critical notices (安否確認, disaster and legal notices) bypass all of it; the plan says which
rules were bypassed so the bypass can be recorded.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.common.errors import invalid
from services.notifications.contract.vocabulary import (CHANNEL_MODES, DAILY, IMMEDIATE,
                                                        LANGUAGES, OFF, WEEKLY)
from services.notifications.domain.delivery import WEBHOOK
DEFAULT_TIME_ZONE = "Asia/Tokyo"
DEFAULT_DAILY_CAP = 20


@dataclass(frozen=True)
class Plan:
    """What to do with one message on one channel."""
    send_at: datetime | None  # None: held for a digest
    digest_period: str | None = None  # "daily:2026-12-02", "weekly:2026-11-30"
    digest_due_at: datetime | None = None
    bypassed: tuple[str, ...] = ()


@dataclass
class Preferences:
    recipient_id: str
    language: str = "ja"
    time_zone: str = DEFAULT_TIME_ZONE
    quiet_start: time | None = None
    quiet_end: time | None = None
    channels: dict[str, str] = field(default_factory=dict)
    daily_cap: int | None = None  # None: the platform's default

    def __post_init__(self):
        if self.language not in LANGUAGES:
            raise invalid(language=f"ja か en / one of {', '.join(LANGUAGES)}")
        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise invalid(time_zone="IANA のタイムゾーン名 / an IANA time zone such as Asia/Tokyo")
        if (self.quiet_start is None) != (self.quiet_end is None) or \
                (self.quiet_start is not None and self.quiet_start == self.quiet_end):
            raise invalid(quiet_hours="開始と終了を別の時刻で / give a start and a different end")
        for channel, mode in self.channels.items():
            if mode not in CHANNEL_MODES.get(channel, ()):
                raise invalid(channels=f"{channel}: {', '.join(CHANNEL_MODES.get(channel, ()))}")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def mode(self, channel: str) -> str:
        return self.channels.get(channel, IMMEDIATE)

    def cap(self, default: int) -> int:
        return default if self.daily_cap is None else self.daily_cap

    def local_day_start(self, now: datetime) -> datetime:
        local = now.astimezone(self.zone)
        return datetime.combine(local.date(), time(), self.zone).astimezone(timezone.utc)

    def quiet_until(self, now: datetime) -> datetime | None:
        """The end of the quiet period `now` falls in (UTC), or None outside quiet hours."""
        if self.quiet_start is None:
            return None
        local = now.astimezone(self.zone)
        clock = local.time().replace(tzinfo=None)
        start, end = self.quiet_start, self.quiet_end
        if start < end:
            inside, end_day = start <= clock < end, local.date()
        else:  # across midnight, e.g. 22:00–07:00
            inside = clock >= start or clock < end
            end_day = local.date() + timedelta(days=1) if clock >= start else local.date()
        if not inside:
            return None
        return datetime.combine(end_day, end, self.zone).astimezone(timezone.utc)

    def digest_period(self, mode: str, now: datetime) -> tuple[str, datetime]:
        """The digest `now` belongs to and when it is due: the end of the recipient's day or
        week (Monday to Sunday), in their time zone."""
        today = now.astimezone(self.zone).date()
        if mode == DAILY:
            return f"daily:{today.isoformat()}", self._midnight(today + timedelta(days=1))
        monday = today - timedelta(days=today.weekday())
        return f"weekly:{monday.isoformat()}", self._midnight(monday + timedelta(days=7))

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(), self.zone).astimezone(timezone.utc)

    def plan(self, channel: str, now: datetime, critical: bool, sent_today: int,
             default_cap: int) -> Plan | None:
        """None: not on this channel at all."""
        mode = self.mode(channel)
        quiet_end = self.quiet_until(now)
        if critical:
            bypassed = tuple(rule for rule, applies in (
                ("off", mode == OFF), ("digest", mode in (DAILY, WEEKLY)),
                ("daily_cap", mode == IMMEDIATE and sent_today >= self.cap(default_cap)),
                ("quiet_hours", quiet_end is not None)) if applies)
            return Plan(now, bypassed=bypassed)
        if mode == OFF:
            return None
        if mode == IMMEDIATE and channel != WEBHOOK and sent_today >= self.cap(default_cap):
            mode = DAILY  # over the cap: the rest go to the next digest
        if mode in (DAILY, WEEKLY):
            period, due = self.digest_period(mode, now)
            return Plan(None, period, due)
        return Plan(quiet_end or now)

    def release_time(self, at: datetime) -> datetime:
        """When something due at `at` may go out (after quiet hours)."""
        return self.quiet_until(at) or at
