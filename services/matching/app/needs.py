"""Needs organisations post: posting one, reading them."""
from dataclasses import dataclass, field
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.common.pagination import Page, page_of
from services.matching.app.ports import MatchingUnitOfWork, NeedFilter
from services.matching.domain import need as needs
from services.matching.domain.need import Need
from services.matching.domain.need_schedule import NeedSchedule


@dataclass(frozen=True)
class PostNeed:
    need_id: str  # chosen by the caller, so a retried request creates nothing new
    title: str
    kind: str
    slots: int
    organisation_id: str | None = None
    description: str = ""
    region: str | None = None
    fields: list[str] | None = None
    required_skills: dict[str, int] = field(default_factory=dict)
    preferred_skills: dict[str, int] = field(default_factory=dict)
    online: bool = False
    schedule: NeedSchedule = field(default_factory=NeedSchedule)
    youth_friendly: bool = False
    first_step: bool = False
    effort_hours: float = 0.0


def post_need(uow: MatchingUnitOfWork, actor: Actor, command: PostNeed) -> Need:
    organisation_id = command.organisation_id or actor.subject_id
    if actor.role == "organisation" and organisation_id != actor.subject_id:
        raise Forbidden("他の団体の募集は投稿できません / you may post needs only for your organisation")
    if actor.role not in ("organisation", "operator"):
        raise Forbidden("募集を投稿できるのは団体と運営者です / only organisations and operators post needs")
    with uow:
        existing = uow.needs.get(command.need_id)
        if existing is not None:
            return existing
        need = needs.post(
            need_id=command.need_id, organisation=uow.organisations.get(organisation_id or ""),
            organisation_id=organisation_id or "", title=command.title,
            description=command.description, kind=command.kind, region=command.region,
            slots=command.slots, now=datetime.now(timezone.utc), fields=command.fields,
            required_skills=command.required_skills, preferred_skills=command.preferred_skills,
            online=command.online, schedule=command.schedule,
            youth_friendly=command.youth_friendly, first_step=command.first_step,
            effort_hours=command.effort_hours)
        uow.needs.add(need)
        uow.commit()
        return need


def get_need(uow: MatchingUnitOfWork, need_id: str) -> Need:
    with uow:
        need = uow.needs.get(need_id)
    if need is None:
        raise NotFound(f"募集がありません / no need {need_id}")
    return need


def list_needs(uow: MatchingUnitOfWork, query: NeedFilter) -> Page:
    with uow:
        found = uow.needs.list(query)
    return page_of(found, query.limit, lambda n: [n.posted_at.isoformat(), n.id])



def end_need(uow: MatchingUnitOfWork, actor: Actor, need_id: str, reason: str) -> Need:
    """Its organisation (or an operator) closes or cancels it; another organisation's need is
    answered as missing. Doing it again changes nothing."""
    with uow:
        need = uow.needs.get(need_id)
        if need is None or (actor.role == "organisation" and need.organisation_id != actor.subject_id):
            raise NotFound(f"募集がありません / no need {need_id}")
        if actor.role not in ("organisation", "operator"):
            raise Forbidden("募集を締め切れるのは団体と運営者です / only organisations and operators")
        if need.end(reason):
            uow.needs.save(need)
            uow.commit()
        return need
