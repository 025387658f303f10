"""Needs organisations post, and the rules for posting one."""
from dataclasses import dataclass, field
from datetime import datetime

from services.common.errors import Conflict, invalid
from services.matching.contract.vocabulary import (NEED_END_CHOICES, NEED_FILLED, NEED_OPEN)
from services.matching.domain.events import NeedClosed, NeedPosted, NeedReopened
from services.matching.domain.need_schedule import NeedSchedule, schedule_problems
from services.matching.domain.ranking.profiles import NeedProfile

OPEN = NEED_OPEN


@dataclass(frozen=True)
class KnownOrganisation:
    """What matching keeps of an organisation, from registry's events."""
    organisation_id: str
    region: str
    fields: list[str]
    status: str
    kind: str | None = None
    founded_year: int | None = None
    legal_form: str | None = None


@dataclass
class Need:
    id: str
    organisation_id: str
    title: str
    description: str
    kind: str
    region: str
    fields: list[str]
    slots: int
    status: str
    posted_at: datetime
    required_skills: dict[str, int] = field(default_factory=dict)
    preferred_skills: dict[str, int] = field(default_factory=dict)
    online: bool = False
    schedule: NeedSchedule = field(default_factory=NeedSchedule)
    youth_friendly: bool = False
    first_step: bool = False
    effort_hours: float = 0.0
    filled: int = 0  # slots taken by accepted or confirmed matches; the database guards it
    events: list = field(default_factory=list, repr=False, compare=False)

    def profile(self) -> NeedProfile:
        return NeedProfile(
            id=self.id, organisation_id=self.organisation_id,
            required_skills=dict(self.required_skills), fields=frozenset(self.fields),
            region=self.region, online=self.online, preferred_skills=dict(self.preferred_skills),
            schedule=self.schedule.occurrences(), slots=self.slots,
            youth_friendly=self.youth_friendly, first_step=self.first_step,
            effort_hours=self.effort_hours)

    @property
    def free_slots(self) -> int:
        return max(0, self.slots - self.filled)

    def end(self, reason: str) -> bool:
        """Closed (no more recruits) or cancelled by its organisation; False if it already was."""
        if reason not in NEED_END_CHOICES:
            raise invalid(reason=f"closed か cancelled です / reason is one of {', '.join(NEED_END_CHOICES)}")
        if self.status == reason:
            return False
        if self.status != OPEN:
            raise Conflict(f"この募集はすでに {self.status} です / the need is already {self.status}")
        self.status = reason
        self.events.append(NeedClosed(self.id, self.organisation_id, reason))
        return True

    def slot_taken(self) -> None:
        """Called with the need as stored after a slot was taken: the last one closes it."""
        if self.status == OPEN and self.free_slots == 0:
            self.events.append(NeedClosed(self.id, self.organisation_id, NEED_FILLED))

    def slot_freed(self, was_full: bool) -> None:
        if self.status == OPEN and was_full and self.free_slots > 0:
            self.events.append(NeedReopened(self.id, self.organisation_id))


def post(*, need_id: str, organisation: KnownOrganisation | None, organisation_id: str,
         title: str, description: str, kind: str, region: str | None, slots: int,
         now: datetime, required_skills: dict | None = None, preferred_skills: dict | None = None,
         online: bool = False, schedule: NeedSchedule | None = None, youth_friendly: bool = False,
         first_step: bool = False, effort_hours: float = 0.0,
         fields: list[str] | None = None) -> Need:
    """A need of a known, verified organisation; region and fields default to its own."""
    if organisation is None:
        raise invalid(organisation_id=f"登録されていない団体です / unknown organisation: {organisation_id}")
    if organisation.status == "rejected":
        raise invalid(organisation_id="登録が却下された団体です / the organisation was rejected")
    if organisation.status != "verified":
        raise invalid(organisation_id="確認待ちの団体はまだ募集できません / "
                                      "the organisation is not verified yet")
    title = " ".join(title.split())
    if not title:
        raise invalid(title="件名を入力してください / title is required")
    required_skills, preferred_skills = dict(required_skills or {}), dict(preferred_skills or {})
    both = sorted(set(required_skills) & set(preferred_skills))
    if both:
        raise invalid(preferred_skills=f"必須と希望の両方にあるスキルです / skills both required and preferred: {', '.join(both)}")
    schedule = schedule or NeedSchedule()
    problem = schedule_problems(schedule)
    if problem:
        raise invalid(schedule=problem)
    need = Need(id=need_id, organisation_id=organisation.organisation_id, title=title,
                description=description.strip(), kind=kind, region=region or organisation.region,
                fields=list(fields) if fields else list(organisation.fields), slots=slots,
                status=OPEN, posted_at=now, required_skills=required_skills,
                preferred_skills=preferred_skills, online=online, schedule=schedule,
                youth_friendly=youth_friendly, first_step=first_step, effort_hours=effort_hours)
    need.events.append(NeedPosted(
        need_id=need.id, organisation_id=need.organisation_id, title=need.title, kind=need.kind,
        region=need.region, fields=need.fields, slots=need.slots))
    return need
