"""Neighbourhood associations: area, household figures, membership rate, newcomers (P2.1.3).

Who may do what: operators set an association's towns and record households in its area (from
the resident-register totals); the association's own key or an operator records its member
households; everyone reads rates and finds the association covering a town; a citizen key
registers a consented interest, which the association is told of through an event.

Every change to an area or a figure publishes registry's region rows of the membership rate for
each day it may have moved, in the same transaction (domain/membership.py says which days).
"""
from dataclasses import dataclass
from datetime import date, datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.registry.app.ports import RegistryUnitOfWork
from services.registry.contract.vocabulary import HOUSEHOLDS_IN_AREA
from services.registry.domain import membership
from services.registry.domain.city_profile import CityProfile
from services.registry.domain.membership import AssociationArea, HouseholdFigure, MembershipRates
from services.registry.domain.organisation import Organisation, view_for


@dataclass(frozen=True)
class SetArea:
    organisation_id: str
    towns: list[str]


@dataclass(frozen=True)
class RecordFigure:
    figure_id: str
    organisation_id: str
    measure: str
    value: int
    as_of: date


@dataclass(frozen=True)
class RateQuery:
    region: str | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class NewcomerInterest:
    interest_id: str
    organisation_id: str
    region: str
    town: str
    consent: bool


@dataclass(frozen=True)
class CoveringAssociation:
    organisation: Organisation  # the public view
    towns: tuple[str, ...]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _association(uow: RegistryUnitOfWork, organisation_id: str) -> Organisation:
    organisation = uow.organisations.get(organisation_id)
    if organisation is None or organisation.kind != "neighbourhood_association":
        raise NotFound(f"自治会が見つかりません / association {organisation_id} not found")
    return organisation


def set_area(uow: RegistryUnitOfWork, actor: Actor, command: SetArea,
             city: CityProfile) -> AssociationArea:
    if not actor.is_operator:
        raise Forbidden("区域の設定は運営者のみ / operators set an association's area")
    with uow:
        organisation = _association(uow, command.organisation_id)
        area = membership.set_area(organisation.id, organisation.region, command.towns,
                                   city.has_town)
        before = uow.associations.area(organisation.id)
        uow.associations.set_area(area)
        for region in sorted({area.region, *([before.region] if before else [])}):
            # A region the association left had rows on the association's figure days too.
            _publish_rates(uow, region, membership.days_moved_by_area, also=organisation.id)
        uow.commit()
        return area


def record_figure(uow: RegistryUnitOfWork, actor: Actor, command: RecordFigure) -> HouseholdFigure:
    with uow:
        existing = uow.associations.figure(command.figure_id)
        if existing is not None:
            return existing
        organisation = _association(uow, command.organisation_id)
        if command.measure == HOUSEHOLDS_IN_AREA and not actor.is_operator:
            raise Forbidden("区域内世帯数は運営者が住民基本台帳の集計から入力します / operators "
                            "enter households in the area")
        if not (actor.is_operator or organisation.is_owned_by(actor.recipient_id)):
            raise Forbidden("自団体の加入世帯数のみ入力できます / only your own association")
        figure = membership.record_figure(
            figure_id=command.figure_id, organisation_id=organisation.id,
            measure=command.measure, value=command.value, as_of=command.as_of, now=_now(),
            recorded_by=actor.recipient_id)
        uow.associations.add_figure(figure)
        area = uow.associations.area(organisation.id)
        if area is not None:  # without an area the association is in no region's rate
            _publish_rates(uow, area.region,
                           lambda figures: membership.days_moved_by_figure(figure, figures))
        uow.commit()
        return figure


def _publish_rates(uow: RegistryUnitOfWork, region: str, days_moved, also: str | None = None):
    """Registry's rows of the region's rate, as events, on each day `days_moved(figures)` names
    (figures of the region's associations and of `also`)."""
    uow.associations.lock_region(region)
    areas = uow.associations.areas(region)
    figures = uow.associations.figures_of(
        [a.organisation_id for a in areas] + ([also] if also else []))
    for day in days_moved(figures):
        uow.emit(membership.rate_recalculated(region, day, areas, figures))


def membership_rates(uow: RegistryUnitOfWork, query: RateQuery) -> MembershipRates:
    as_of = query.as_of or _now().date()
    with uow:
        areas = uow.associations.areas(query.region)
        names = uow.associations.names([a.organisation_id for a in areas])
        figures = uow.associations.figures_until(as_of, [a.organisation_id for a in areas])
    return membership.membership_rates(as_of, areas, names, figures)


def associations_for_newcomer(uow: RegistryUnitOfWork, region: str,
                              town: str) -> list[CoveringAssociation]:
    """Public contact only, whoever asks: the newcomer may not have an account yet."""
    with uow:
        found = []
        for area in uow.associations.covering(region, town):
            organisation = uow.organisations.get(area.organisation_id)
            if organisation is not None and organisation.status == "verified":
                found.append(CoveringAssociation(view_for(organisation, "public"), area.towns))
    return found


def register_newcomer_interest(uow: RegistryUnitOfWork, actor: Actor,
                               command: NewcomerInterest) -> dict:
    if actor.role != "citizen":
        raise Forbidden("転入者ご本人（市民のキー）が登録します / newcomers register with a "
                        "citizen key")
    with uow:
        covering = {a.organisation_id for a in uow.associations.covering(command.region,
                                                                         command.town)}
        if command.organisation_id not in covering:
            raise NotFound("その町を区域とする自治会ではありません / that association does not "
                           "cover this town")
        if uow.associations.has_interest(command.interest_id):
            return {"interest_id": command.interest_id, "organisation_id": command.organisation_id}
        event = membership.newcomer_interest(
            interest_id=command.interest_id, organisation_id=command.organisation_id,
            region=command.region, town=command.town, consent=command.consent)
        uow.associations.add_interest(command.interest_id, command.organisation_id,
                                      command.region, command.town, actor.recipient_id, _now())
        uow.emit(event)
        uow.commit()
        return {"interest_id": command.interest_id, "organisation_id": command.organisation_id}
