"""registry_0008 backfills registry.membership_rate_recalculated for the areas and figures already
stored, on SQLite and PostgreSQL: the data is recorded through the real use cases at head, the
outbox emptied, the schema taken back to registry_0007 and upgraded again (registry_0008 changes
no schema, so the downgrade loses nothing)."""
import json
import uuid
from datetime import date

from alembic import command
from sqlalchemy import delete, select

from services.common.actor import Actor
from services.common.database import make_engine, make_session_factory
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.common.migrations import alembic_config, upgrade
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
from services.reports.app.membership import MembershipQuery, membership
from services.reports.contract.events import PUBLISHED as REPORTS_PUBLISHED
from services.reports.entrypoints.consumed_events import CONSUMED

OPERATOR = Actor("operator", key_id="op")
RATE = "registry.membership_rate_recalculated"
OUTBOX = REGISTRY_MESSAGING.outbox


class Registry:
    def __init__(self, url: str):
        self.url = url
        self.engine = make_engine(url)
        self.factory = make_session_factory(self.engine)

    def uow(self) -> SqlRegistryUnitOfWork:
        return SqlRegistryUnitOfWork(self.factory, "registry", REGISTRY_PUBLISHED,
                                     REGISTRY_MESSAGING)

    def association(self, name: str, region: str) -> str:
        return organisations.register_organisation(self.uow(), OPERATOR, RegisterOrganisation(
            organisation_id=str(uuid.uuid4()), name=name, name_kana="ジチカイ",
            kind="neighbourhood_association", region=region, fields=["community_development"]),
            configured_city()).id

    def outbox(self) -> list:
        with self.factory() as session:
            return session.execute(select(OUTBOX).order_by(OUTBOX.c.seq)).all()

    def rates_in_outbox(self) -> list:
        """Only registry_0008's rows (a later backfill adds events of other types)."""
        return [row for row in self.outbox() if row.type == RATE]

    def clear_outbox(self) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(OUTBOX))

    def rerun_backfill(self) -> None:
        """The deployment's upgrade: from the revision before the backfill to head."""
        self.engine.dispose()
        command.downgrade(alembic_config("registry", self.url), "registry_0007")
        upgrade("registry", self.url)


def _row(payload_or_region_row) -> tuple:
    r = payload_or_region_row
    if isinstance(r, dict):
        return (r["region"], r["associations"], r["households_in_area"], r["member_households"],
                r["rate"])
    return (r.region, r.associations, r.households_in_area, r.member_households, r.rate)


def test_the_backfill_publishes_registrys_rate_for_every_region_and_day(database_url, tmp_path):
    upgrade("registry", database_url)
    registry = Registry(database_url)
    city = configured_city()
    akikake = registry.association("秋掛自治会", "miwa")
    ikimi = registry.association("生見自治会", "miwa")
    noguchi = registry.association("野口自治会", "kuga")  # an area, no figures yet
    unplaced = registry.association("湯田自治会", "yu")  # figures, no area: in no region's rate
    associations.set_area(registry.uow(), OPERATOR, SetArea(akikake, ["美和町秋掛", "美和町阿賀"]),
                          city)
    associations.set_area(registry.uow(), OPERATOR, SetArea(ikimi, ["美和町生見"]), city)
    associations.set_area(registry.uow(), OPERATOR, SetArea(noguchi, ["玖珂町野口"]), city)
    for org, measure, value, day in (
            (akikake, "households_in_area", 80, date(2023, 4, 1)),
            (akikake, "member_households", 76, date(2023, 4, 1)),
            (akikake, "member_households", 70, date(2024, 4, 1)),
            (akikake, "member_households", 72, date(2024, 4, 1)),  # a same-day correction
            (ikimi, "households_in_area", 50, date(2024, 1, 1)),
            (ikimi, "member_households", 40, date(2022, 6, 1)),  # backdated
            (unplaced, "households_in_area", 90, date(2021, 4, 1)),
            (unplaced, "member_households", 60, date(2021, 4, 1))):
        associations.record_figure(registry.uow(), OPERATOR, RecordFigure(
            str(uuid.uuid4()), org, measure, value, day))
    live: dict[tuple[str, str], dict] = {}  # the latest row the use cases published per day
    for row in registry.outbox():
        envelope = json.loads(row.envelope)
        if envelope["type"] == RATE:
            live[(envelope["payload"]["region"], envelope["payload"]["as_of"])] = (
                envelope["payload"])
    registry.clear_outbox()

    registry.rerun_backfill()

    rows = registry.rates_in_outbox()
    envelopes = [json.loads(row.envelope) for row in rows]
    since_ever = date.min.isoformat()
    assert sorted((e["payload"]["region"], e["payload"]["as_of"]) for e in envelopes) == sorted(
        [("kuga", since_ever)] + [("miwa", day) for day in (
            since_ever, "2022-06-01", "2023-04-01", "2024-01-01", "2024-04-01")])
    correlation_ids = {e["correlation_id"] for e in envelopes}
    assert len(correlation_ids) == 1 and uuid.UUID(correlation_ids.pop())
    for row, envelope in zip(rows, envelopes):
        assert (row.type, row.message_id, row.sent_at, row.attempts) == (
            RATE, envelope["id"], None, 0)
        assert row.created_at is not None and row.available_at is not None
        assert (envelope["type"], envelope["version"], envelope["producer"],
                envelope["causation_id"]) == (RATE, 1, "registry", None)
        REGISTRY_PUBLISHED.validate_outgoing(Envelope(**envelope))
        payload = envelope["payload"]
        answer = associations.membership_rates(registry.uow(), RateQuery(
            region=payload["region"], as_of=date.fromisoformat(payload["as_of"])))
        assert [_row(payload)] == [_row(r) for r in answer.regions], payload
    assert {(e["payload"]["region"], e["payload"]["as_of"]): e["payload"]
            for e in envelopes} == live
    by_day = {(e["payload"]["region"], e["payload"]["as_of"]): e["payload"] for e in envelopes}
    assert _row(by_day[("kuga", since_ever)]) == ("kuga", 1, 0, 0, None)
    assert _row(by_day[("miwa", "2024-04-01")]) == ("miwa", 2, 130, 112, 0.8615)

    # Delivered to reports, the backfill alone gives reports registry's answer on every day.
    reports_url = f"sqlite:///{tmp_path / 'reports.sqlite3'}"
    upgrade("reports", reports_url)
    reports_engine = make_engine(reports_url)
    reports = SqlReportsUnitOfWork(make_session_factory(reports_engine), "reports",
                                   REPORTS_PUBLISHED, REPORTS_MESSAGING)
    for envelope in envelopes:
        _, payload = CONSUMED.load_incoming(envelope)
        apply_once(reports, envelope, payload, EVENT_HANDLERS[envelope["type"]])
    for region in ("miwa", "kuga"):
        for day in (date(2020, 1, 1), date(2022, 6, 1), date(2023, 12, 1), date(2024, 4, 1),
                    date(2025, 1, 1)):
            theirs = associations.membership_rates(registry.uow(), RateQuery(region, day))
            _, ours = membership(reports, MembershipQuery(region=region, as_of=day))
            assert [_row(r) for r in ours] == [_row(r) for r in theirs.regions], (region, day)
    reports_engine.dispose()
    registry.engine.dispose()


def test_without_associations_the_backfill_writes_nothing(database_url):
    upgrade("registry", database_url)
    registry = Registry(database_url)
    assert registry.outbox() == []
    # Figures of an association that has no area yet are in no region's rate either.
    lone = registry.association("秋掛自治会", "miwa")
    associations.record_figure(registry.uow(), OPERATOR, RecordFigure(
        str(uuid.uuid4()), lone, "member_households", 40, date(2024, 4, 1)))
    registry.clear_outbox()
    registry.rerun_backfill()
    assert registry.rates_in_outbox() == []
    registry.engine.dispose()
