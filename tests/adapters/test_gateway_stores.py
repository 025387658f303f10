"""The gateway's key and idempotency stores on SQLite and PostgreSQL, built from migrations."""
import threading
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import text

from gateway.api_keys import KeyCache, create_key, list_keys, revoke_key
from gateway.idempotency import IdempotencyStore, StillInFlight, StoredResponse
from services.common.database import make_engine
from services.common.errors import Conflict
from services.common.migrations import upgrade

PERSON = "0c7d3b52-8f0e-4a51-9d3c-2f6e1a7b9c40"


@pytest.fixture
def engine(database_url):
    upgrade("gateway", database_url)
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


def test_concurrent_issues_never_give_a_holder_a_third_active_key(engine):
    outcomes = []

    def issue(index):
        try:
            outcomes.append(create_key(engine, "partner", f"copy {index}", PERSON)[0])
        except Conflict:
            outcomes.append("refused")

    threads = [threading.Thread(target=issue, args=(index,)) for index in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("refused") == 4
    assert len(list_keys(engine, role="partner", subject_id=PERSON)) == 2


def test_lifecycle_round_trip_with_scopes_expiry_and_revocation(engine):
    expires = datetime.now(timezone.utc) + timedelta(days=30)
    key_id, key = create_key(engine, "citizen", "スマホ", PERSON, scopes=["matching:read"],
                             expires_at=expires)
    record = KeyCache(seconds=0).authenticate(engine, key)
    assert record.actor.subject_id == PERSON and record.scopes == ("matching:read",)
    assert abs((record.expires_at - expires).total_seconds()) < 1
    listed = list_keys(engine, role="citizen", subject_id=PERSON)[0]
    assert listed["label"] == "スマホ" and listed["last_used_at"] is not None
    assert revoke_key(engine, key_id) and revoke_key(engine, key_id)  # a second time changes nothing
    assert KeyCache(seconds=0).authenticate(engine, key) is None
    create_key(engine, "citizen", "new", PERSON)
    create_key(engine, "citizen", "newer", PERSON)  # the revoked key's slot is free again


def test_idempotency_lease_take_over_and_purge(engine):
    now = [datetime.now(timezone.utc)]
    store = IdempotencyStore(engine, lease_seconds=10, clock=lambda: now[0])
    assert store.begin("key", "crashed", "fp") is None
    with pytest.raises(StillInFlight):
        store.begin("key", "crashed", "fp")
    now[0] += timedelta(seconds=11)
    outcomes = []

    def retry():
        try:
            outcomes.append(store.begin("key", "crashed", "fp"))
        except StillInFlight:
            outcomes.append("wait")

    threads = [threading.Thread(target=retry) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == [None, "wait", "wait", "wait"]  # one retry takes it over
    store.finish("key", "crashed", StoredResponse(201, {"id": "x"}))
    assert store.begin("key", "crashed", "fp") == StoredResponse(201, {"id": "x"})
    now[0] += timedelta(hours=24)
    assert store.purge() == 1


def test_the_migration_gives_a_holders_existing_keys_its_two_places(database_url):
    upgrade("gateway", database_url, "gateway_0001")
    engine = make_engine(database_url)
    start = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with engine.begin() as connection:
        for index in range(3):
            connection.execute(text(
                "INSERT INTO api_keys (id, key_hash, role, subject_id, label, created_at) "
                "VALUES (:id, :hash, 'partner', :subject, 'old', :at)"),
                {"id": f"key-{index}", "hash": f"{index:064d}", "subject": PERSON,
                 "at": start + timedelta(days=index)})
    upgrade("gateway", database_url)
    with pytest.raises(Conflict):
        create_key(engine, "partner", "a third", PERSON)
    assert len(list_keys(engine, role="partner", subject_id=PERSON)) == 3  # the oldest keeps working
    revoke_key(engine, "key-0")
    with pytest.raises(Conflict):  # it held no place
        create_key(engine, "partner", "still refused", PERSON)
    revoke_key(engine, "key-2")
    create_key(engine, "partner", "in the newest key's place", PERSON)
    engine.dispose()
