"""Associations in registry and the reports read models of registry's new events, on SQLite and
PostgreSQL with schemas from the migrations."""
import json
import uuid
from datetime import date, datetime, timezone

from sqlalchemy import select

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import upgrade
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING as REGISTRY_MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app import associations, organisations
from services.registry.app.associations import RateQuery, RecordFigure, SetArea
from services.registry.app.organisations import RegisterOrganisation
from services.registry.contract.events import PUBLISHED as REGISTRY_PUBLISHED
from services.reports.adapters.tables import MESSAGING as REPORTS_MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app.event_handlers import EVENT_HANDLERS
from services.reports.app.facility_use import FacilityUseQuery, facility_use
from services.reports.app.membership import MembershipQuery, membership
from services.reports.contract.events import PUBLISHED as REPORTS_PUBLISHED
from services.reports.entrypoints.consumed_events import CONSUMED

OPERATOR = Actor("operator", key_id="op")


def test_association_figures_keep_history_and_answer_as_of(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    uow = lambda: SqlRegistryUnitOfWork(factory, "registry", REGISTRY_PUBLISHED, REGISTRY_MESSAGING)  # noqa: E731
    org = organisations.register_organisation(uow(), OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name="秋掛自治会", name_kana="アキカケジチカイ",
        kind="neighbourhood_association", region="miwa", fields=["community_development"]),
        configured_city())
    associations.set_area(uow(), OPERATOR, SetArea(org.id, ["美和町秋掛", "美和町阿賀"]),
                          configured_city())
    for measure, value, day in (("households_in_area", 80, date(2023, 4, 1)),
                                ("member_households", 76, date(2023, 4, 1)),
                                ("member_households", 70, date(2024, 4, 1))):
        associations.record_figure(uow(), OPERATOR, RecordFigure(str(uuid.uuid4()), org.id,
                                                                 measure, value, day))
    rates = associations.membership_rates(uow(), RateQuery(region="miwa", as_of=date(2023, 12, 1)))
    assert [(a.name, a.towns, a.rate) for a in rates.associations] == [
        ("秋掛自治会", ("美和町秋掛", "美和町阿賀"), 0.95)]
    assert associations.membership_rates(uow(), RateQuery(as_of=date(2024, 4, 1))).city.rate == 0.875
    found = associations.associations_for_newcomer(uow(), "miwa", "美和町阿賀")
    assert [f.organisation.id for f in found] == [org.id]
    engine.dispose()


def test_reports_answers_registrys_membership_rate_from_registrys_events(database_url, tmp_path):
    """Registry's outbox, delivered to reports' handlers: on every day, before, between and after
    the figures (one of them backdated), reports' region row is registry's."""
    upgrade("registry", database_url)
    registry_engine = make_engine(database_url)
    registry_factory = make_session_factory(registry_engine)

    def registry():
        return SqlRegistryUnitOfWork(registry_factory, "registry", REGISTRY_PUBLISHED,
                                     REGISTRY_MESSAGING)
    reports_url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    upgrade("reports", reports_url)
    reports_engine = make_engine(reports_url)
    reports = SqlReportsUnitOfWork(make_session_factory(reports_engine), "reports",
                                   REPORTS_PUBLISHED, REPORTS_MESSAGING)
    city = configured_city()
    akikake, ikimi = (organisations.register_organisation(
        registry(), OPERATOR, RegisterOrganisation(
            organisation_id=str(uuid.uuid4()), name=name, name_kana="ジチカイ",
            kind="neighbourhood_association", region="miwa", fields=["community_development"]),
        city) for name in ("秋掛自治会", "生見自治会"))
    associations.set_area(registry(), OPERATOR, SetArea(akikake.id, ["美和町秋掛"]), city)
    associations.set_area(registry(), OPERATOR, SetArea(ikimi.id, ["美和町生見"]), city)
    for org, measure, value, day in (
            (akikake, "households_in_area", 80, date(2023, 4, 1)),
            (akikake, "member_households", 76, date(2023, 4, 1)),
            (akikake, "member_households", 70, date(2024, 4, 1)),
            (ikimi, "households_in_area", 50, date(2024, 1, 1)),
            (ikimi, "member_households", 40, date(2022, 6, 1))):  # the last one backdated
        associations.record_figure(registry(), OPERATOR, RecordFigure(
            str(uuid.uuid4()), org.id, measure, value, day))

    with registry_factory() as session:
        envelopes = [json.loads(row.envelope) for row in session.execute(
            select(REGISTRY_MESSAGING.outbox).order_by(REGISTRY_MESSAGING.outbox.c.seq))]
    for envelope in envelopes:
        if CONSUMED.knows(envelope["type"], envelope["version"]):
            _, payload = CONSUMED.load_incoming(envelope)
            apply_once(reports, envelope, payload, EVENT_HANDLERS[envelope["type"]])
    for day in (date(2020, 1, 1), date(2022, 6, 1), date(2023, 4, 1), date(2023, 12, 1),
                date(2024, 1, 1), date(2024, 4, 1), date(2025, 1, 1)):
        theirs = associations.membership_rates(registry(), RateQuery(region="miwa", as_of=day))
        _, ours = membership(reports, MembershipQuery(region="miwa", as_of=day))
        assert [(r.region, r.associations, r.households_in_area, r.member_households, r.rate)
                for r in ours] == [
            (r.region, r.associations, r.households_in_area, r.member_households, r.rate)
            for r in theirs.regions], day
    _, [miwa] = membership(reports, MembershipQuery(region="miwa", as_of=date(2024, 4, 1)))
    assert (miwa.associations, miwa.households_in_area, miwa.member_households, miwa.rate) == (
        2, 130, 110, 0.8462)
    registry_engine.dispose()
    reports_engine.dispose()


def deliver(uow, event_type, payload):
    envelope = Envelope(event_type, 1, "registry", payload, "corr").as_dict()
    _, loaded = CONSUMED.load_incoming(envelope)
    return apply_once(uow, envelope, loaded, EVENT_HANDLERS[event_type])


def test_reports_read_models_of_facility_use_and_membership(database_url):
    upgrade("reports", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    uow = SqlReportsUnitOfWork(factory, "reports", REPORTS_PUBLISHED, REPORTS_MESSAGING)
    facility, room, org = (str(uuid.uuid4()) for _ in range(3))
    deliver(uow, "registry.facility_registered",
            {"facility_id": facility, "region": "yu", "room_ids": [room]})
    deliver(uow, "registry.facility_manager_designated", {
        "facility_id": facility, "organisation_id": org, "designated_from": "2024-04-01",
        "designated_to": None})
    start = datetime(2027, 1, 16, 1, tzinfo=timezone.utc).isoformat()
    end = datetime(2027, 1, 16, 4, tzinfo=timezone.utc).isoformat()
    confirmed, cancelled = str(uuid.uuid4()), str(uuid.uuid4())
    for booking, statuses in ((confirmed, ["requested", "confirmed"]),
                              (cancelled, ["confirmed", "cancelled", "requested"])):
        for status in statuses:
            deliver(uow, f"registry.booking_{status}", {
                "booking_id": booking, "facility_id": facility, "room_id": room,
                "organisation_id": org, "starts_at": start, "ends_at": end, "status": status})
    [row] = facility_use(uow, FacilityUseQuery(region="yu", month="2027-01"))
    assert (row.confirmed, row.cancelled, row.requested, row.confirmed_hours,
            row.managing_organisation_id) == (1, 1, 0, 3.0, org)
    assert facility_use(uow, FacilityUseQuery(month="2027-02"))[0].bookings == 0

    association = str(uuid.uuid4())
    deliver(uow, "registry.membership_rate_recalculated", {
        "region": "kuga", "as_of": "2024-04-01", "associations": 1, "households_in_area": 300,
        "member_households": 240, "rate": 0.8})
    deliver(uow, "registry.newcomer_interest_registered", {
        "interest_id": str(uuid.uuid4()), "organisation_id": association, "region": "kuga",
        "town": "玖珂町野口"})
    as_of, [kuga] = membership(uow, MembershipQuery(as_of=date(2024, 5, 1)))
    assert (kuga.households_in_area, kuga.member_households, kuga.rate, kuga.newcomer_interests) == (
        300, 240, 0.8, 1)
    engine.dispose()


def test_consultations_round_trip_and_their_events_carry_no_notes(database_url):
    from services.registry.app import consultations
    from services.registry.app.consultations import (AddFollowUp, ChangeStatus,
                                                     ConsultationFilter, OpenConsultation, Refer)

    upgrade("registry", database_url)
    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    registry = lambda: SqlRegistryUnitOfWork(factory, "registry", REGISTRY_PUBLISHED, REGISTRY_MESSAGING)  # noqa: E731
    partner = organisations.register_organisation(registry(), OPERATOR, RegisterOrganisation(
        organisation_id=str(uuid.uuid4()), name="岩国市社会福祉協議会", name_kana="イワクニシシャカイフクシキョウギカイ",
        kind="other", region="iwakuni", fields=["welfare"]), configured_city())
    case = consultations.open_consultation(registry(), OPERATOR, OpenConsultation(
        str(uuid.uuid4()), "phone", ["funding", "management"], person="匿名", notes="会計の相談"))
    consultations.change_status(registry(), OPERATOR, ChangeStatus(case.id, "in_progress"))
    consultations.add_follow_up(registry(), OPERATOR, AddFollowUp(case.id, "書類を郵送"))
    consultations.refer(registry(), OPERATOR, Refer(case.id, partner.id, "専門相談へ"))
    stored = consultations.get_consultation(registry(), OPERATOR, case.id)
    assert (stored.status, stored.notes, [f.note for f in stored.follow_ups]) == (
        "referred", "会計の相談", ["書類を郵送"])
    assert stored.referrals[0].organisation_id == partner.id
    assert [c.id for c in consultations.list_consultations(
        registry(), OPERATOR, ConsultationFilter(topic="management")).items] == [case.id]

    with factory() as session:
        envelopes = [json.loads(row.envelope) for row in session.execute(
            select(REGISTRY_MESSAGING.outbox).order_by(REGISTRY_MESSAGING.outbox.c.seq))]
    assert [e["type"] for e in envelopes if "consultation" in e["type"]] == [
        "registry.consultation_opened", "registry.consultation_status_changed",
        "registry.consultation_followed_up", "registry.consultation_referred",
        "registry.consultation_status_changed"]
    assert not any("会計" in json.dumps(e, ensure_ascii=False) or "匿名" in
                   json.dumps(e, ensure_ascii=False) for e in envelopes)
    engine.dispose()


def test_the_caseload_read_model(database_url):
    from services.reports.app.caseload import CaseloadQuery, caseload

    upgrade("reports", database_url)
    engine = make_engine(database_url)
    reports = SqlReportsUnitOfWork(make_session_factory(engine), "reports", REPORTS_PUBLISHED,
                                   REPORTS_MESSAGING)
    case = str(uuid.uuid4())
    at = lambda day: f"2026-05-{day:02d}T01:00:00+00:00"  # noqa: E731
    for event_type, payload in (
            ("registry.consultation_status_changed", {"status": "in_progress",
                                                      "topics": ["funding", "management"],
                                                      "changed_at": at(12)}),  # before opened
            ("registry.consultation_opened", {"organisation_id": None, "channel": "phone",
                                              "topics": ["funding", "management"],
                                              "opened_at": at(11)}),
            ("registry.consultation_followed_up", {"followed_up_at": at(13)}),
            ("registry.consultation_referred", {"organisation_id": str(uuid.uuid4()),
                                                "referred_at": at(14)}),
            ("registry.consultation_status_changed", {"status": "referred",
                                                      "topics": ["funding", "management"],
                                                      "changed_at": at(14)})):
        deliver(reports, event_type, {"consultation_id": case, **payload})
    load = caseload(reports, OPERATOR, CaseloadQuery(from_month="2026-05", to_month="2026-05"))
    assert (load.total, load.by_status, load.by_channel, load.follow_ups, load.referrals) == (
        1, {"referred": 1}, {"phone": 1}, 1, 1)
    assert {(r.month, r.topic, r.status) for r in load.rows} == {
        ("2026-05", "funding", "referred"), ("2026-05", "management", "referred")}
    assert caseload(reports, OPERATOR, CaseloadQuery(from_month="2026-06")).total == 0
    engine.dispose()
