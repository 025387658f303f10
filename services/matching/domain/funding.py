"""Funding opportunities (grants, subsidies) and who is eligible for them, rule by rule.

Eligibility reads what matching knows of an organisation from registry's events: its kind,
region, fields, the year it was founded and its legal form. Every failing rule says why,
Japanese first, so an organisation sees what keeps it out.
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from services.common.errors import Conflict, invalid
from services.matching.contract.vocabulary import APPLIED, AWARDED, FUNDING_RESULTS
from services.matching.domain import funding_events as events
from services.matching.domain.need import KnownOrganisation


@dataclass(frozen=True)
class Eligibility:
    kinds: list[str] = field(default_factory=list)  # empty: any
    regions: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # any one of them is enough
    min_years_active: int = 0
    legal_forms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class FailedRule:
    rule: str
    reason: str


@dataclass
class FundingOpportunity:
    id: str
    funder: str
    programme: str
    title: str
    description: str
    eligibility: Eligibility
    amount_min_yen: int
    amount_max_yen: int
    opens_on: date
    closes_on: date
    links: list[str]
    remind_days_before: int
    created_at: datetime
    opening_announced: bool = False
    closing_reminded: bool = False
    events: list = field(default_factory=list, repr=False, compare=False)

    def is_open(self, today: date) -> bool:
        return self.opens_on <= today <= self.closes_on

    def announce_opening(self, eligible: list[str]) -> None:
        self.opening_announced = True
        self.events.append(events.FundingWindowOpened(
            opportunity_id=self.id, programme=self.programme, closes_on=self.closes_on.isoformat(),
            organisation_ids=eligible))

    def remind_closing(self, eligible_not_applied: list[str]) -> None:
        self.closing_reminded = True
        self.events.append(events.FundingClosingSoon(
            opportunity_id=self.id, programme=self.programme, closes_on=self.closes_on.isoformat(),
            organisation_ids=eligible_not_applied))


@dataclass
class FundingApplication:
    id: str
    opportunity_id: str
    organisation_id: str
    programme: str
    region: str
    status: str
    applied_on: date
    amount_awarded_yen: int | None = None
    decided_on: date | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    def _facts(self) -> dict:
        return {"application_id": self.id, "opportunity_id": self.opportunity_id,
                "organisation_id": self.organisation_id, "programme": self.programme,
                "region": self.region, "applied_on": self.applied_on.isoformat()}

    def decide(self, result: str, amount_yen: int | None, today: date, opportunity: FundingOpportunity) -> None:
        if self.status != APPLIED:
            raise Conflict(f"結果は記録済みです / the result is already recorded ({self.status})")
        if result not in FUNDING_RESULTS:
            raise invalid(result=f"結果は {', '.join(FUNDING_RESULTS)} のいずれかです / result must be one of "
                                 f"{', '.join(FUNDING_RESULTS)}")
        if result == AWARDED:
            if amount_yen is None:
                raise invalid(amount_yen="採択額を入力してください / the awarded amount is required")
            if not opportunity.amount_min_yen <= amount_yen <= opportunity.amount_max_yen:
                raise invalid(amount_yen=f"採択額は {opportunity.amount_min_yen:,}〜{opportunity.amount_max_yen:,}円です / "
                                         f"the amount must be within the programme's range")
        elif amount_yen:
            raise invalid(amount_yen="不採択に金額はありません / a rejection has no amount")
        self.status, self.amount_awarded_yen, self.decided_on = result, amount_yen if result == AWARDED else None, today
        self.events.append(events.FundingResultRecorded(**self._facts(), result=result,
                                                        amount_yen=self.amount_awarded_yen or 0))


def failing_rules(eligibility: Eligibility, organisation: KnownOrganisation, today: date) -> list[FailedRule]:
    """Each rule the organisation fails, with its reason (an empty list: eligible)."""
    failed = []
    if eligibility.kinds and organisation.kind not in eligibility.kinds:
        failed.append(FailedRule("kinds", f"対象の団体種別ではありません（{organisation.kind or '未登録'}） / "
                                          f"kind {organisation.kind or 'unknown'} is not among {', '.join(eligibility.kinds)}"))
    if eligibility.regions and organisation.region not in eligibility.regions:
        failed.append(FailedRule("regions", f"対象地域外です（{organisation.region}） / region {organisation.region} "
                                            f"is not among {', '.join(eligibility.regions)}"))
    if eligibility.fields and not set(organisation.fields) & set(eligibility.fields):
        failed.append(FailedRule("fields", "対象の活動分野がありません / none of the organisation's fields is among "
                                           f"{', '.join(eligibility.fields)}"))
    if eligibility.min_years_active:
        if organisation.founded_year is None:
            failed.append(FailedRule("min_years_active", "設立年が登録されていません / the year founded is not "
                                                         "registered"))
        elif today.year - organisation.founded_year < eligibility.min_years_active:
            years = today.year - organisation.founded_year
            failed.append(FailedRule("min_years_active", f"活動年数が{eligibility.min_years_active}年に足りません"
                                                         f"（{years}年） / active {years} of the "
                                                         f"{eligibility.min_years_active} years required"))
    if eligibility.legal_forms and (organisation.legal_form or "none") not in eligibility.legal_forms:
        failed.append(FailedRule("legal_forms", f"対象の法人格ではありません（{organisation.legal_form or 'none'}） / "
                                                f"legal form {organisation.legal_form or 'none'} is not among "
                                                f"{', '.join(eligibility.legal_forms)}"))
    return failed


def publish(*, opportunity_id: str, funder: str, programme: str, title: str, description: str,
            eligibility: Eligibility, amount_min_yen: int, amount_max_yen: int, opens_on: date,
            closes_on: date, links: list[str], remind_days_before: int, now: datetime) -> FundingOpportunity:
    if closes_on < opens_on:
        raise invalid(closes_on="締切は受付開始以降にしてください / the window must close after it opens")
    if amount_max_yen < amount_min_yen:
        raise invalid(amount_max_yen="上限は下限以上にしてください / the maximum must not be below the minimum")
    if not " ".join(title.split()) or not " ".join(programme.split()):
        raise invalid(title="制度名と件名を入力してください / programme and title are required")
    opportunity = FundingOpportunity(
        id=opportunity_id, funder=funder.strip(), programme=" ".join(programme.split()),
        title=" ".join(title.split()), description=description.strip(), eligibility=eligibility,
        amount_min_yen=amount_min_yen, amount_max_yen=amount_max_yen, opens_on=opens_on, closes_on=closes_on,
        links=list(links), remind_days_before=remind_days_before, created_at=now)
    opportunity.events.append(events.FundingOpportunityPublished(
        opportunity_id=opportunity.id, programme=opportunity.programme, funder=opportunity.funder,
        opens_on=opens_on.isoformat(), closes_on=closes_on.isoformat(), amount_min_yen=amount_min_yen,
        amount_max_yen=amount_max_yen, regions=list(eligibility.regions)))
    return opportunity


def apply(*, application_id: str, opportunity: FundingOpportunity, organisation: KnownOrganisation,
          today: date) -> FundingApplication:
    """Recorded while the window is open; eligibility is the funder's call, so it is not enforced."""
    if not opportunity.is_open(today):
        raise Conflict(f"受付期間外です（{opportunity.opens_on}〜{opportunity.closes_on}） / the application "
                       f"window is {opportunity.opens_on} to {opportunity.closes_on}")
    application = FundingApplication(
        id=application_id, opportunity_id=opportunity.id, organisation_id=organisation.organisation_id,
        programme=opportunity.programme, region=organisation.region, status=APPLIED, applied_on=today)
    application.events.append(events.FundingApplied(**application._facts()))
    return application
