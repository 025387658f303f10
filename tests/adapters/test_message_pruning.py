"""Pruning on SQLite and PostgreSQL, schemas built by every service's migrations: sent outbox
rows older than the window and old inbox rows go in batches; unsent rows stay however old; the
unit of work counts what it pruned for /metrics. The migration also added the trace and
municipality columns, written by a real commit."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import MetaData, func, insert, select

from services.common.database import make_engine, make_session_factory
from services.common.message_pruning import PruningSettings, prune_messages
from services.common.messaging_tables import messaging_tables
from services.common.migrations import upgrade
from services.common.tracing import SpanKind, configure_tracing, end_span, start_span
from services.common.unit_of_work import ProcessedMessage
from services.registry.adapters.tables import MESSAGING as REGISTRY_MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.contract.events import PUBLISHED
from services.registry.domain.events import OrganisationRegistered

TABLES = messaging_tables(MetaData())
NOW = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)


def outbox_row(created: datetime, sent: datetime | None) -> dict:
    message_id = str(uuid.uuid4())
    return {"message_id": message_id, "type": "probe.thing_done", "envelope": "{}", "created_at": created,
            "available_at": created, "sent_at": sent, "attempts": 0}


def inbox_row(processed: datetime) -> dict:
    return {"message_id": str(uuid.uuid4()), "type": "probe.thing_done", "processed_at": processed,
            "municipality_code": "352080"}


def seed(engine) -> None:
    days = lambda n: NOW - timedelta(days=n)  # noqa: E731
    with engine.begin() as connection:
        connection.execute(insert(TABLES.outbox), [
            *(outbox_row(days(9), days(8)) for _ in range(7)),       # sent 8 days ago: go
            *(outbox_row(days(7), days(6)) for _ in range(2)),       # sent 6 days ago: stay
            *(outbox_row(days(60), None) for _ in range(3))])        # never sent: stay, always
        connection.execute(insert(TABLES.inbox), [
            *(inbox_row(days(31)) for _ in range(5)),                # 31 days: go
            *(inbox_row(days(29)) for _ in range(4))])               # 29 days: stay


def counts(engine) -> tuple[int, int, int]:
    with engine.connect() as connection:
        sent = connection.execute(select(func.count()).select_from(TABLES.outbox)
                                  .where(TABLES.outbox.c.sent_at.isnot(None))).scalar_one()
        unsent = connection.execute(select(func.count()).select_from(TABLES.outbox)
                                    .where(TABLES.outbox.c.sent_at.is_(None))).scalar_one()
        inbox = connection.execute(select(func.count()).select_from(TABLES.inbox)).scalar_one()
    return sent, unsent, inbox


@pytest.mark.parametrize("service", ["registry", "matching", "notifications", "reports"])
def test_old_sent_outbox_and_inbox_rows_go_in_batches_and_unsent_rows_stay(database_url, service):
    upgrade(service, database_url)
    engine = make_engine(database_url)
    try:
        seed(engine)
        settings = PruningSettings(batch_size=2)  # 7 and 5 rows: several batches, the last short
        pruned = prune_messages(make_session_factory(engine), TABLES, settings, now=NOW)
        assert (pruned.outbox, pruned.inbox) == (7, 5)
        assert counts(engine) == (2, 3, 4)
        again = prune_messages(make_session_factory(engine), TABLES, settings, now=NOW)
        assert (again.outbox, again.inbox) == (0, 0)
        # Years later an unsent row is still there: it is an event still owed.
        prune_messages(make_session_factory(engine), TABLES, settings, now=NOW + timedelta(days=3650))
        assert counts(engine) == (0, 3, 0)
    finally:
        engine.dispose()


def test_a_commit_keeps_the_trace_and_municipality_and_the_unit_of_work_counts_what_it_pruned(database_url):
    upgrade("registry", database_url)
    engine = make_engine(database_url)
    uow = SqlRegistryUnitOfWork(make_session_factory(engine), "registry", PUBLISHED, REGISTRY_MESSAGING)
    try:
        configure_tracing("tests")  # a recording provider: spans have ids to keep
        span, token, _ = start_span("POST /organisations", {}, SpanKind.SERVER)
        with uow:
            uow.emit(OrganisationRegistered(organisation_id=str(uuid.uuid4()), kind="citizen_group",
                                            region="kuga", fields=["childcare"], status="pending"))
            uow.inbox.mark_all_processed([ProcessedMessage(str(uuid.uuid4()), "x.y_happened", "131016")])
            uow.commit()
        end_span(span, token)
        with engine.connect() as connection:
            traceparent, municipality = connection.execute(
                select(TABLES.outbox.c.traceparent, TABLES.outbox.c.municipality_code)).one()
            inbox_municipality = connection.execute(select(TABLES.inbox.c.municipality_code)).scalar_one()
        assert traceparent.split("-")[1:3] == [f"{span.get_span_context().trace_id:032x}",
                                               f"{span.get_span_context().span_id:016x}"]
        assert municipality == "352080" and inbox_municipality == "131016"

        with engine.begin() as connection:
            connection.execute(TABLES.outbox.update().values(sent_at=datetime.now(timezone.utc) - timedelta(days=8)))
        before = REGISTRY.get_sample_value("kyodo_messages_pruned_total",
                                           {"service": "registry", "table": "outbox"}) or 0
        assert uow.prune_messages(PruningSettings()).outbox == 1
        assert REGISTRY.get_sample_value("kyodo_messages_pruned_total",
                                         {"service": "registry", "table": "outbox"}) == before + 1
    finally:
        engine.dispose()
