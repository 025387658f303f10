"""Key lifecycle on the gateway's own store (SQLite; tests/adapters repeats it on PostgreSQL)."""
import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from gateway.api_keys import KeyCache, create_key, list_keys, revoke_key
from gateway.tables import api_keys
from gateway.tests.test_key_cache import Clock, keys_database
from services.common.errors import Conflict

PERSON = "4b0e1f5e-3f7a-4d69-9a56-6f1b1a2f7e10"


def test_a_key_has_the_prefix_and_at_least_128_random_bits_and_only_its_hash_is_stored(tmp_path):
    engine = keys_database(tmp_path)
    key_id, key = create_key(engine, "operator", "test")
    assert key.startswith("kyd_") and len(key) - 4 >= 43  # 32 bytes in URL-safe base64
    with engine.connect() as connection:
        row = connection.execute(select(api_keys).where(api_keys.c.id == key_id)).one()
    assert row.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(tuple(row))


def test_a_holder_has_at_most_two_active_keys_and_revoking_or_expiry_frees_one(tmp_path):
    engine = keys_database(tmp_path)
    first, _ = create_key(engine, "citizen", "phone", PERSON)
    create_key(engine, "citizen", "laptop", PERSON)
    with pytest.raises(Conflict, match="revoke"):
        create_key(engine, "citizen", "third", PERSON)
    create_key(engine, "partner", "another holder", PERSON)  # role + subject is the holder
    assert revoke_key(engine, first)
    soon = datetime.now(timezone.utc) + timedelta(milliseconds=300)
    short_lived, _ = create_key(engine, "citizen", "short", PERSON, expires_at=soon)
    with pytest.raises(Conflict):
        create_key(engine, "citizen", "still full", PERSON)
    import time
    time.sleep(0.4)
    create_key(engine, "citizen", "after expiry", PERSON)
    for _ in range(3):
        create_key(engine, "operator", "operators are people named by label: no limit")


def test_listing_shows_no_secret_and_filters_by_holder(tmp_path):
    engine = keys_database(tmp_path)
    mine, key = create_key(engine, "citizen", "mine", PERSON, scopes=["matching:read"])
    create_key(engine, "operator", "someone else")
    listed = list_keys(engine, role="citizen", subject_id=PERSON)
    assert [k["id"] for k in listed] == [mine] and listed[0]["scopes"] == ["matching:read"]
    assert key not in str(listed) and "key_hash" not in listed[0]
    assert len(list_keys(engine)) == 2
    revoke_key(engine, mine)
    assert list_keys(engine, role="citizen", subject_id=PERSON) == []
    revoked = list_keys(engine, role="citizen", subject_id=PERSON, include_revoked=True)
    assert revoked[0]["revoked_at"].tzinfo is not None
    assert not revoke_key(engine, "00000000-0000-0000-0000-000000000000")


def test_the_cache_answers_scopes_and_expiry_and_forgets_a_revoked_key_by_id(tmp_path):
    engine = keys_database(tmp_path)
    later = datetime.now(timezone.utc) + timedelta(hours=1)
    key_id, key = create_key(engine, "operator", "test", scopes=["reports:read"], expires_at=later)
    cache = KeyCache(seconds=60, clock=Clock())
    record = cache.authenticate(engine, key)
    assert record.scopes == ("reports:read",) and record.expires_at == later
    assert not record.expired(datetime.now(timezone.utc)) and record.expired(later)
    revoke_key(engine, key_id)
    assert cache.authenticate(engine, key) is not None  # cached
    cache.forget_id(key_id)
    assert cache.authenticate(engine, key) is None


def test_last_use_is_written_at_most_once_a_minute_per_key(tmp_path):
    engine = keys_database(tmp_path)
    key_id, key = create_key(engine, "operator", "test")
    clock = Clock()
    cache = KeyCache(seconds=0, clock=clock)

    def last_used():
        return list_keys(engine, key_id=key_id)[0]["last_used_at"]

    cache.authenticate(engine, key)
    first = last_used()
    assert first is not None
    clock.now += 30
    cache.authenticate(engine, key)
    assert last_used() == first  # no write within the minute
    clock.now += 31
    cache.authenticate(engine, key)  # this process would write; the database keeps the minute
    assert last_used() == first
    with engine.begin() as connection:
        connection.execute(api_keys.update().where(api_keys.c.id == key_id)
                           .values(last_used_at=first - timedelta(minutes=2)))
    clock.now += 61
    cache.authenticate(engine, key)
    assert last_used() > first - timedelta(minutes=1)
