"""Reports use cases for the CSR ledger: keep matching's facts, credit each business partner
with what its offers and its staff did, answer a partner's ledger for a fiscal year."""
from dataclasses import dataclass
from datetime import date

from services.common.actor import Actor
from services.common.errors import NotFound, invalid
from services.reports.app.ports import NeedFact, OfferFact, ReportsUnitOfWork
from services.reports.domain.csr_ledger import (DEFAULT_MIN_CELL, GIFT, OFFER, STAFF_HOURS, LedgerLine,
                                                PartnerLedger, build_ledger)
from services.reports.domain.fiscal_year import (FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR,
                                                 fiscal_year_of)
from services.reports.domain.sdg_goals import goals_for

NOT_YOURS = "見つかりません / not found"


@dataclass(frozen=True)
class LedgerQuery:
    partner_id: str
    fiscal_year: int
    min_cell: int = DEFAULT_MIN_CELL


def on_offer_posted(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    offer = OfferFact(offer_id=payload["offer_id"], partner_id=payload["organisation_id"],
                      kind=payload["kind"], regions=tuple(payload["regions"]),
                      fields=tuple(payload["fields"]), starts=payload["starts"],
                      quantity=payload.get("quantity"), unit=payload.get("unit"))
    uow.csr.record_offer(offer)
    earlier = uow.csr.line(offer.offer_id)
    sources = (earlier.source_event_ids if earlier else ()) + (event_id,)
    uow.csr.save_line(LedgerLine(
        line_id=offer.offer_id, partner_id=offer.partner_id, kind=OFFER,
        occurred_on=offer.starts, fiscal_year=fiscal_year_of(offer.starts),
        source_event_ids=sources, offer_id=offer.offer_id, offer_kind=offer.kind,
        regions=offer.regions, quantity=offer.quantity, unit=offer.unit,
        sdgs=tuple(goals_for(offer.fields))))


# An update carries the offer's full facts: the line follows them and names both events.
on_offer_updated = on_offer_posted


def on_offer_fulfilled(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    """One line per gift, keyed by the event that recorded it: what was given, its value on the
    stated basis, and the organisation and region it reached (from the need it answered)."""
    offer = uow.csr.offer(payload["offer_id"])
    need = uow.csr.need(payload["need_id"]) if payload.get("need_id") else None
    goals = set(offer.fields if offer else ()) | set(need.fields if need else ())
    given_on: date = payload["fulfilled_on"]
    uow.csr.save_line(LedgerLine(
        line_id=event_id, partner_id=payload["organisation_id"], kind=GIFT, occurred_on=given_on,
        fiscal_year=fiscal_year_of(given_on), source_event_ids=(event_id,), offer_id=payload["offer_id"],
        offer_kind=payload["kind"], organisation_id=payload.get("recipient_organisation_id"),
        regions=(payload["region"],) if payload.get("region") else (), quantity=float(payload["quantity"]),
        unit=payload["unit"], value_yen=int(payload["value_yen"]), value_basis=payload["value_basis"],
        people_reached=int(payload.get("people_reached") or 0), sdgs=tuple(goals_for(goals))))


def on_talent_registered(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.csr.record_staff(payload["talent_id"], payload.get("offer_id"))


on_talent_updated = on_talent_registered


def on_need_posted(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.csr.record_need(NeedFact(payload["need_id"], payload["organisation_id"],
                                 payload["region"], tuple(payload.get("fields") or ())))


def on_match_completed(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    """Approved hours of a partner's staff (a talent put forward through one of its offers)."""
    offer_id = uow.csr.staff_offer(payload["talent_id"])
    offer = uow.csr.offer(offer_id) if offer_id else None
    if offer is None:
        return  # not a business's staff: the hours count in the plan KPIs, not in a ledger
    need = uow.csr.need(payload["need_id"])
    regions = (need.region,) if need else offer.regions[:1]
    need_fields = need.fields if need else ()
    completed_on: date = payload["completed_on"]
    uow.csr.save_line(LedgerLine(
        line_id=payload["match_id"], partner_id=offer.partner_id, kind=STAFF_HOURS,
        occurred_on=completed_on, fiscal_year=fiscal_year_of(completed_on),
        source_event_ids=(event_id,), offer_id=offer.offer_id, offer_kind=offer.kind,
        talent_id=payload["talent_id"], organisation_id=payload["organisation_id"],
        regions=tuple(regions), hours=float(payload["hours"]),
        people_reached=int(payload.get("people_reached") or 0),
        sdgs=tuple(goals_for(set(need_fields) | set(offer.fields)))))


def set_headcount(uow: ReportsUnitOfWork, actor: Actor, partner_id: str, headcount: int) -> int:
    """The partner declares how many staff it has (the denominator of its participation rate)."""
    _check_owner(actor, partner_id)
    if headcount < 1:
        raise invalid(headcount="従業員数は1以上です / headcount must be at least 1")
    with uow:
        uow.csr.set_headcount(partner_id, headcount)
        uow.commit()
    return headcount


def partner_ledger(uow: ReportsUnitOfWork, actor: Actor, query: LedgerQuery) -> PartnerLedger:
    _check_owner(actor, query.partner_id)
    check_fiscal_year(query.fiscal_year)
    with uow:
        lines = uow.csr.lines_for(query.partner_id, query.fiscal_year)
        headcount = uow.csr.headcount(query.partner_id)
    return build_ledger(query.partner_id, query.fiscal_year, lines, headcount, query.min_cell)


def check_fiscal_year(fiscal_year: int) -> None:
    if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        raise invalid(fiscal_year=f"年度は{FIRST_FISCAL_YEAR}〜{LAST_FISCAL_YEAR}です / fiscal "
                                  f"year must be {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}")


def _check_owner(actor: Actor, partner_id: str) -> None:
    """Operators see every partner; a partner only itself (anyone else: as if it did not exist)."""
    if actor.is_operator:
        return
    if actor.role != "partner" or actor.subject_id != partner_id:
        raise NotFound(NOT_YOURS)
