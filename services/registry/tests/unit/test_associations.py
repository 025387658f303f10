"""Neighbourhood associations on fakes: area, figures with history, as-of rates, newcomers."""
import uuid
from datetime import date

import pytest

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, ValidationFailed
from services.registry.app import associations, organisations
from services.registry.app.associations import NewcomerInterest, RateQuery, RecordFigure, SetArea
from services.registry.app.organisations import RegisterOrganisation, UpdateOrganisation
from services.registry.tests.fakes import CITY, MemoryRegistryUnitOfWork

OPERATOR = Actor("operator", key_id="op")
NEWCOMER = Actor("citizen", "new-1", "kn")


def association(uow, name, region, towns, kind="neighbourhood_association"):
    org = organisations.register_organisation(uow, OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name=name, name_kana="ジチカイ", kind=kind,
        region=region, fields=["community_development"], profile={"contacts": [
            {"channel": "phone", "value": "0827-00-0000", "visibility": "public"},
            {"channel": "email", "value": "kaichou@example.jp", "visibility": "operators"}]}),
        CITY)
    if kind == "neighbourhood_association":
        associations.set_area(uow, OPERATOR, SetArea(org.id, towns), CITY)
    return org


def figure(uow, actor, org, measure, value, as_of):
    return associations.record_figure(uow, actor, RecordFigure(
        str(uuid.uuid4()), org.id, measure, value, as_of))


@pytest.fixture
def city():
    uow = MemoryRegistryUnitOfWork()
    imazu = association(uow, "今津一丁目自治会", "iwakuni", ["今津町"])
    marifu = association(uow, "麻里布町内会", "iwakuni", ["麻里布町", "川下町"])
    yu = association(uow, "由宇神東自治会", "yu", ["由宇町神東"])
    for org, households, members in ((imazu, 400, 200), (marifu, 600, 450), (yu, 100, 90)):
        figure(uow, OPERATOR, org, "households_in_area", households, date(2024, 4, 1))
        figure(uow, OPERATOR, org, "member_households", members, date(2024, 4, 1))
    return {"uow": uow, "imazu": imazu, "marifu": marifu, "yu": yu}


def test_rates_per_association_region_and_city_with_the_numbers(city):
    rates = associations.membership_rates(city["uow"], RateQuery(as_of=date(2024, 6, 1)))
    by_name = {a.name: a for a in rates.associations}
    assert by_name["今津一丁目自治会"].rate == 0.5
    assert [(r.region, r.households_in_area, r.member_households, r.rate) for r in rates.regions] == [
        ("iwakuni", 1000, 650, 0.65), ("yu", 100, 90, 0.9)]
    assert (rates.city.households_in_area, rates.city.member_households, rates.city.rate) == (
        1100, 740, 0.6727)
    only_yu = associations.membership_rates(city["uow"], RateQuery(region="yu", as_of=date(2024, 6, 1)))
    assert [a.name for a in only_yu.associations] == ["由宇神東自治会"]


def test_history_is_kept_and_as_of_picks_the_figures_in_force(city):
    uow, imazu = city["uow"], city["imazu"]
    owner = Actor("organisation", imazu.id, "ki")
    figure(uow, owner, imazu, "member_households", 180, date(2025, 4, 1))
    def rate(day):
        rates = associations.membership_rates(uow, RateQuery(region="iwakuni", as_of=day))
        return next(a for a in rates.associations if a.organisation_id == imazu.id)
    assert (rate(date(2024, 12, 31)).member_households, rate(date(2024, 12, 31)).rate) == (200, 0.5)
    assert (rate(date(2025, 4, 1)).member_households, rate(date(2025, 4, 1)).rate) == (180, 0.45)
    before = rate(date(2023, 1, 1))
    assert before.rate is None and before.households_in_area is None
    assert len(uow.associations.figure_rows) == 7  # nothing overwritten


def test_who_records_what(city):
    uow, imazu, marifu = city["uow"], city["imazu"], city["marifu"]
    owner = Actor("organisation", imazu.id, "ki")
    with pytest.raises(Forbidden):  # households in the area come from the city's register
        figure(uow, owner, imazu, "households_in_area", 10, date(2025, 1, 1))
    with pytest.raises(Forbidden):
        figure(uow, owner, marifu, "member_households", 10, date(2025, 1, 1))
    with pytest.raises(ValidationFailed):
        figure(uow, OPERATOR, imazu, "member_households", 10, date(2999, 1, 1))
    [event] = [e for e in uow.published if e.type == "registry.membership_rate_recalculated"][:1]
    assert set(event.payload()) == {"region", "as_of", "associations", "households_in_area",
                                    "member_households", "rate"}


def test_an_area_needs_towns_of_its_region_and_an_association(city):
    with pytest.raises(ValidationFailed):
        associations.set_area(city["uow"], OPERATOR, SetArea(city["yu"].id, ["今津町"]), CITY)
    group = association(city["uow"], "普通の団体", "yu", [], kind="citizen_group")
    with pytest.raises(NotFound):
        associations.set_area(city["uow"], OPERATOR, SetArea(group.id, ["由宇町神東"]), CITY)


def test_a_newcomer_finds_the_association_with_public_contact_only(city):
    found = associations.associations_for_newcomer(city["uow"], "iwakuni", "川下町")
    assert [f.organisation.name for f in found] == ["麻里布町内会"]
    assert [c.channel for c in found[0].organisation.contacts] == ["phone"]
    assert associations.associations_for_newcomer(city["uow"], "iwakuni", "横山") == []


def test_the_newcomers_consented_interest_raises_the_event(city):
    uow = city["uow"]
    command = NewcomerInterest(str(uuid.uuid4()), city["marifu"].id, "iwakuni", "川下町", True)
    with pytest.raises(ValidationFailed):
        associations.register_newcomer_interest(uow, NEWCOMER, NewcomerInterest(
            command.interest_id, command.organisation_id, "iwakuni", "川下町", False))
    with pytest.raises(NotFound):
        associations.register_newcomer_interest(uow, NEWCOMER, NewcomerInterest(
            command.interest_id, city["imazu"].id, "iwakuni", "川下町", True))
    with pytest.raises(Forbidden):
        associations.register_newcomer_interest(uow, OPERATOR, command)
    associations.register_newcomer_interest(uow, NEWCOMER, command)
    associations.register_newcomer_interest(uow, NEWCOMER, command)  # a retry: nothing new
    events = [e for e in uow.published if e.type == "registry.newcomer_interest_registered"]
    assert [e.payload() for e in events] == [{"interest_id": command.interest_id,
                                             "organisation_id": city["marifu"].id,
                                             "region": "iwakuni", "town": "川下町"}]


# --- the rate's region rows, published ------------------------------------------------------------

RECALCULATED = "registry.membership_rate_recalculated"
DAYS = [date(2023, 1, 1), date(2024, 3, 31), date(2024, 4, 1), date(2024, 6, 1),
        date(2024, 10, 1), date(2025, 1, 1), date(2025, 4, 1), date(2026, 1, 1)]


def route_rows(uow, as_of):
    rates = associations.membership_rates(uow, RateQuery(as_of=as_of))
    return {r.region: (r.associations, r.households_in_area, r.member_households, r.rate)
            for r in rates.regions}


def reader_rows(published, as_of):
    """What a reader answers that keeps, per region, the latest row at or before the day (a row
    published again for the same day replaces the earlier one)."""
    latest = {}
    for event in published:
        row = event.payload()
        if event.type == RECALCULATED and date.fromisoformat(row["as_of"]) <= as_of:
            if row["region"] not in latest or row["as_of"] >= latest[row["region"]]["as_of"]:
                latest[row["region"]] = row
    return {region: (r["associations"], r["households_in_area"], r["member_households"],
                     r["rate"]) for region, r in latest.items()}


def test_the_published_rows_are_the_rate_routes_region_rows_on_every_day(city):
    uow, imazu, marifu = city["uow"], city["imazu"], city["marifu"]
    figure(uow, OPERATOR, imazu, "member_households", 180, date(2025, 4, 1))
    for day in DAYS:
        assert reader_rows(uow.published, day) == route_rows(uow, day), day
    assert reader_rows(uow.published, date(2025, 4, 1))["iwakuni"] == (2, 1000, 630, 0.63)

    before = len(uow.published)
    figure(uow, OPERATOR, marifu, "member_households", 500, date(2024, 10, 1))  # backdated
    refreshed = [e.payload() for e in uow.published[before:]]
    assert [(r["region"], r["as_of"]) for r in refreshed] == [
        ("iwakuni", "2024-10-01"), ("iwakuni", "2025-04-01")]  # its day and every later one
    assert (refreshed[-1]["member_households"], refreshed[-1]["rate"]) == (680, 0.68)
    for day in DAYS:
        assert reader_rows(uow.published, day) == route_rows(uow, day), day


def test_an_area_publishes_its_regions_rows_since_ever_and_on_every_figure_day(city):
    uow, marifu = city["uow"], city["marifu"]
    assert reader_rows(uow.published, date(1900, 1, 1)) == route_rows(uow, date(1900, 1, 1)) == {
        "iwakuni": (2, 0, 0, None), "yu": (1, 0, 0, None)}  # counted before any figure
    organisations.update_organisation(uow, OPERATOR, UpdateOrganisation(
        marifu.id, {"region": "yu", "town": ""}), CITY)
    before = len(uow.published)
    associations.set_area(uow, OPERATOR, SetArea(marifu.id, ["由宇町南"]), CITY)
    moved = [e.payload() for e in uow.published[before:]]
    assert {(r["region"], r["as_of"]) for r in moved} == {
        (region, day) for region in ("iwakuni", "yu") for day in ("0001-01-01", "2024-04-01")}
    for day in DAYS:
        assert reader_rows(uow.published, day) == route_rows(uow, day), day
    assert route_rows(uow, date(2024, 6, 1)) == {"iwakuni": (1, 400, 200, 0.5),
                                                 "yu": (2, 700, 540, 0.7714)}


def test_a_refused_figure_and_a_figure_outside_any_area_publish_nothing(city):
    uow = city["uow"]
    before = len(uow.published)
    with pytest.raises(Forbidden):
        figure(uow, Actor("organisation", city["yu"].id, "k"), city["imazu"], "member_households",
               1, date(2024, 5, 1))
    assert len(uow.published) == before
    no_area = association(uow, "区域未設定自治会", "kuga", [], kind="citizen_group")
    organisations.update_organisation(uow, OPERATOR, UpdateOrganisation(
        no_area.id, {"kind": "neighbourhood_association"}), CITY)
    before = len(uow.published)
    figure(uow, OPERATOR, no_area, "households_in_area", 50, date(2024, 5, 1))
    assert [e for e in uow.published[before:] if e.type == RECALCULATED] == []
