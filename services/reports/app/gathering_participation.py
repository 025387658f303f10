"""Participation in matching's gatherings: the read model its events feed, and the operators' report."""
from datetime import date

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.gathering_participation import GatheringRow, Participation, participation


def _row(uow: ReportsUnitOfWork, payload: dict) -> GatheringRow:
    """The gathering's row; a count event that overtook its creation starts one with what it knows."""
    return uow.gatherings.get(payload["gathering_id"]) or GatheringRow(
        gathering_id=payload["gathering_id"], organiser_id=payload["organiser_id"], kind="",
        region=payload.get("region", ""), held_on=payload.get("held_on") or date.min)


def on_gathering_created(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    row = _row(uow, payload)
    row.kind, row.region, row.capacity = payload["kind"], payload["region"], payload["capacity"]
    row.held_on = payload["starts_at"].date()
    uow.gatherings.save(row)


def on_gathering_updated(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    row = _row(uow, payload)
    row.capacity = payload["capacity"]  # the organiser may resize it before the start
    uow.gatherings.save(row)


def on_gathering_cancelled(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.gatherings.remove(payload["gathering_id"])  # it will not take place: not counted


def on_room_settled(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    if payload["status"] == "refused":
        uow.gatherings.remove(payload["gathering_id"])  # no room, no gathering: not counted


def on_attendance_recorded(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    row = _row(uow, payload)
    for count in ("signed_up", "attended", "youth_attended", "first_timers_attended"):
        setattr(row, count, payload[count])  # the organiser's latest record replaces an earlier one
    row.region, row.held_on = payload["region"], payload["held_on"]
    uow.gatherings.save(row)


def on_outcome_recorded(uow: ReportsUnitOfWork, event_id: str, payload: dict) -> None:
    row = _row(uow, payload)
    row.ideas, row.follow_ups = payload["ideas"], payload["follow_ups"]
    uow.gatherings.save(row)


def gathering_participation(uow: ReportsUnitOfWork, actor: Actor, fiscal_year: int | None) -> Participation:
    if not actor.is_operator:
        raise Forbidden("催しの参加集計は運営者のみ / operators only")
    fiscal_year = fiscal_year or fiscal_year_of(date.today())
    with uow:
        return participation(fiscal_year, uow.gatherings.in_fiscal_year(fiscal_year))
