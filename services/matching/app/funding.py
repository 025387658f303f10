"""Funding opportunities: operators publish them; organisations see which open ones they are
eligible for (and why not), record applications and results; a timer announces each window once
to the organisations eligible for it and reminds those that have not applied before it closes.
"""
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, invalid
from services.common.pagination import Page, page_of
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.domain import funding
from services.matching.domain.funding import Eligibility, FailedRule, FundingApplication, FundingOpportunity

_CITY_TIME = ZoneInfo("Asia/Tokyo")  # windows open and close on the city's calendar days


@dataclass(frozen=True)
class PublishOpportunity:
    opportunity_id: str
    funder: str
    programme: str
    title: str
    amount_min_yen: int
    amount_max_yen: int
    opens_on: date
    closes_on: date
    remind_days_before: int
    description: str = ""
    eligibility: Eligibility = field(default_factory=Eligibility)
    links: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Fit:
    opportunity: FundingOpportunity
    failed: list[FailedRule]

    @property
    def eligible(self) -> bool:
        return not self.failed


def today() -> date:
    return datetime.now(_CITY_TIME).date()


def _own_organisation(actor: Actor, organisation_id: str | None) -> str:
    if actor.role == "organisation":
        if organisation_id and organisation_id != actor.subject_id:
            raise Forbidden("他の団体の分は扱えません / only your own organisation")
        return actor.subject_id
    if actor.is_operator and organisation_id:
        return organisation_id
    if actor.is_operator:
        raise invalid(organisation_id="団体を指定してください / name the organisation")
    raise Forbidden("団体と運営者のみ / organisations and operators only")


def publish_opportunity(uow: MatchingUnitOfWork, actor: Actor, command: PublishOpportunity) -> FundingOpportunity:
    if not actor.is_operator:
        raise Forbidden("助成情報を掲載できるのは運営者です / only operators publish funding opportunities")
    with uow:
        existing = uow.opportunities.get(command.opportunity_id)
        if existing is not None:
            return existing
        opportunity = funding.publish(**vars(command), now=datetime.now(timezone.utc))
        uow.opportunities.add(opportunity)
        uow.commit()
        return opportunity


def get_opportunity(uow: MatchingUnitOfWork, opportunity_id: str) -> FundingOpportunity:
    with uow:
        found = uow.opportunities.get(opportunity_id)
    if found is None:
        raise NotFound(f"助成情報がありません / no funding opportunity {opportunity_id}")
    return found


def list_opportunities(uow: MatchingUnitOfWork, open_only: bool, after: list | None, limit: int) -> Page:
    with uow:
        found = uow.opportunities.list(today() if open_only else None, after, limit)
    return page_of(found, limit, lambda o: [o.closes_on.isoformat(), o.id])


def eligibility(uow: MatchingUnitOfWork, actor: Actor, organisation_id: str | None) -> list[Fit]:
    """Every open opportunity with the rules this organisation fails (eligible ones first)."""
    organisation_id = _own_organisation(actor, organisation_id)
    with uow:
        organisation = uow.organisations.get(organisation_id)
        if organisation is None:
            raise NotFound(f"登録されていない団体です / unknown organisation {organisation_id}")
        day = today()
        fits = [Fit(o, funding.failing_rules(o.eligibility, organisation, day))
                for o in uow.opportunities.open_on(day)]
    return sorted(fits, key=lambda f: (not f.eligible, f.opportunity.closes_on, f.opportunity.id))


def apply_for(uow: MatchingUnitOfWork, actor: Actor, application_id: str, opportunity_id: str,
              organisation_id: str | None) -> FundingApplication:
    organisation_id = _own_organisation(actor, organisation_id)
    with uow:
        existing = uow.applications.get(application_id)
        if existing is not None:
            return existing
        opportunity = uow.opportunities.get(opportunity_id)
        if opportunity is None:
            raise NotFound(f"助成情報がありません / no funding opportunity {opportunity_id}")
        organisation = uow.organisations.get(organisation_id)
        if organisation is None or organisation.status != "verified":
            raise invalid(organisation_id="確認済みの登録団体ではありません / not a verified organisation")
        if organisation_id in uow.applications.applicants(opportunity_id):
            raise Conflict("この制度には申請済みです / already applied to this opportunity")
        application = funding.apply(application_id=application_id, opportunity=opportunity,
                                     organisation=organisation, today=today())
        uow.applications.add(application)
        uow.commit()
        return application


def record_result(uow: MatchingUnitOfWork, actor: Actor, application_id: str, result: str,
                  amount_yen: int | None) -> FundingApplication:
    with uow:
        application = uow.applications.get(application_id)
        if application is None or not (actor.is_operator or (
                actor.role == "organisation" and actor.subject_id == application.organisation_id)):
            raise NotFound(f"申請がありません / no application {application_id}")
        application.decide(result, amount_yen, today(), uow.opportunities.get(application.opportunity_id))
        uow.applications.save(application)
        uow.commit()
        return application


def list_applications(uow: MatchingUnitOfWork, actor: Actor, organisation_id: str | None) -> list[FundingApplication]:
    organisation_id = _own_organisation(actor, organisation_id)
    with uow:
        return uow.applications.for_organisation(organisation_id)


def send_window_notices(uow: MatchingUnitOfWork, day: date | None = None) -> int:
    """Announce each window once when it opens, and remind before it closes (run by a timer)."""
    day, sent = day or today(), 0
    with uow:
        organisations = uow.organisations.verified()
        for opportunity in uow.opportunities.open_on(day):
            eligible = [o.organisation_id for o in organisations
                        if not funding.failing_rules(opportunity.eligibility, o, day)]
            if not opportunity.opening_announced:
                opportunity.announce_opening(eligible)
                sent += 1
            reminder_day = opportunity.closes_on - timedelta(days=opportunity.remind_days_before)
            if not opportunity.closing_reminded and day >= reminder_day:
                applied = uow.applications.applicants(opportunity.id)
                opportunity.remind_closing([o for o in eligible if o not in applied])
                sent += 1
            uow.opportunities.save(opportunity)
        uow.commit()
    return sent
