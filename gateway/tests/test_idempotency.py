"""Idempotency records: replays, leases after a crash, expiry after 24 h and the purge, on
SQLite and PostgreSQL."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from gateway.idempotency import IdempotencyStore, StillInFlight, StoredResponse
from gateway.tables import idempotency_records
from services.common.database import make_engine
from services.common.errors import ValidationFailed
from services.common.migrations import upgrade
from services.common.timestamps import as_utc


class WallClock:
    def __init__(self):
        self.now = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self):
        return self.now


@pytest.fixture
def engine(database_url):
    upgrade("gateway", database_url)
    engine = make_engine(database_url, power_loss_safe=False)
    yield engine
    engine.dispose()


@pytest.fixture
def store_and_clock(engine):
    clock = WallClock()
    return IdempotencyStore(engine, lease_seconds=15, clock=clock), clock


def test_a_record_reads_back_as_written(store_and_clock, engine):
    """The insert and finish run on the driver's connection: the columns must hold what
    SQLAlchemy itself would have written (a SQLite datetime compares as text in the purge)."""
    store, clock = store_and_clock
    store.begin("k", "idem-0", "fp")
    store.finish("k", "idem-0", StoredResponse(201, {"id": "x", "name": "防災の会"}))
    with engine.connect() as connection:
        row = connection.execute(select(idempotency_records)).one()
    assert (row.api_key_id, row.idempotency_key, row.request_hash) == ("k", "idem-0", "fp")
    assert (row.status, row.response, row.lease_expires_at) == (201, {"id": "x", "name": "防災の会"}, None)
    assert as_utc(row.created_at) == clock.now


def test_a_finished_request_replays_its_answer_and_a_changed_one_is_refused(store_and_clock):
    store, _ = store_and_clock
    assert store.begin("k", "idem-1", "fp") is None
    store.finish("k", "idem-1", StoredResponse(201, {"id": "x"}))
    assert store.begin("k", "idem-1", "fp") == StoredResponse(201, {"id": "x"})
    with pytest.raises(ValidationFailed):
        store.begin("k", "idem-1", "another fingerprint")
    assert store.begin("other key", "idem-1", "fp") is None  # records are per API key


def test_an_in_flight_record_waits_for_its_lease_then_a_retry_takes_it_over(store_and_clock):
    store, clock = store_and_clock
    assert store.begin("k", "crashed", "fp") is None  # ... and the gateway dies here
    clock.now += timedelta(seconds=5)
    with pytest.raises(StillInFlight) as waiting:
        store.begin("k", "crashed", "fp")
    assert waiting.value.retry_after == 10
    clock.now += timedelta(seconds=11)
    assert store.begin("k", "crashed", "fp") is None  # the retry owns it now, with a new lease
    with pytest.raises(StillInFlight):
        store.begin("k", "crashed", "fp")
    store.finish("k", "crashed", StoredResponse(201, {"id": "y"}))
    assert store.begin("k", "crashed", "fp").body == {"id": "y"}


def test_records_live_24_hours_then_are_purged_and_no_longer_honoured(store_and_clock):
    store, clock = store_and_clock
    store.begin("k", "old", "fp")
    store.finish("k", "old", StoredResponse(201, {"id": "old"}))
    clock.now += timedelta(hours=23)
    store.begin("k", "recent", "fp")
    assert store.purge() == 0
    clock.now += timedelta(hours=1, seconds=1)
    assert store.begin("k", "old", "a new request") is None  # past its life: a fresh start
    clock.now += timedelta(hours=24, seconds=1)
    assert store.purge() == 2
    assert store.begin("k", "recent", "fp") is None


def test_abandon_lets_the_same_key_go_again_at_once(store_and_clock):
    store, _ = store_and_clock
    store.begin("k", "failed", "fp")
    store.abandon("k", "failed")
    assert store.begin("k", "failed", "fp") is None


def test_a_connection_the_database_dropped_is_replaced(postgres_url):
    upgrade("gateway", postgres_url)
    engine = make_engine(postgres_url, power_loss_safe=False)
    store = IdempotencyStore(engine)
    assert store.begin("k", "before", "fp") is None
    pooled = engine.raw_connection()
    cursor = pooled.cursor()
    cursor.execute("SELECT pg_backend_pid()")
    backend = cursor.fetchone()[0]
    pooled.close()
    admin = make_engine(postgres_url)
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    admin.dispose()
    assert store.begin("k", "after", "fp") is None  # the pool's ping found it gone
    store.finish("k", "after", StoredResponse(201, {"id": "z"}))
    assert store.begin("k", "after", "fp") == StoredResponse(201, {"id": "z"})
    engine.dispose()
