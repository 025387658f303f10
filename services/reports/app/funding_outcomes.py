"""Funding applications and results from matching's events, and the operators' report."""
from datetime import date

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.funding_outcomes import ApplicationFact, FundingOutcomes, outcomes


def on_opportunity_published(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.funding.save_programme(payload["opportunity_id"], payload["programme"], payload["funder"],
                               fiscal_year_of(payload["opens_on"]))


def _fact(payload: dict, status: str, amount_yen: int = 0) -> ApplicationFact:
    # Counted in the fiscal year the application was made, whenever the result comes.
    return ApplicationFact(payload["application_id"], payload["programme"], payload["region"],
                           fiscal_year_of(payload["applied_on"]), status, amount_yen)


def on_applied(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    if uow.funding.get(payload["application_id"]) is None:  # a result that came first stays
        uow.funding.save(_fact(payload, "applied"))


def on_result_recorded(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.funding.save(_fact(payload, payload["result"], payload["amount_yen"]))


def funding_outcomes(uow: ReportsUnitOfWork, actor: Actor, fiscal_year: int | None) -> FundingOutcomes:
    if not actor.is_operator:
        raise Forbidden("助成の集計は運営者のみ / operators only")
    fiscal_year = fiscal_year or fiscal_year_of(date.today())
    with uow:
        return outcomes(fiscal_year, uow.funding.programmes(fiscal_year), uow.funding.in_fiscal_year(fiscal_year))
