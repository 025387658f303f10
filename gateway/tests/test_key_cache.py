"""The gateway's key cache: lookups saved for a few seconds, revocation honoured after them."""
from datetime import datetime, timezone

from sqlalchemy import update

from gateway.api_keys import KeyCache, create_key
from gateway.tables import api_keys
from services.common.database import make_engine
from services.common.migrations import upgrade


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def keys_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'gateway.sqlite3'}"
    upgrade("gateway", url)
    return make_engine(url)


def revoke(engine, key_id):
    with engine.begin() as connection:
        connection.execute(update(api_keys).where(api_keys.c.id == key_id)
                           .values(revoked_at=datetime.now(timezone.utc)))


def test_a_revoked_key_stops_working_once_its_entry_expires(tmp_path):
    engine = keys_database(tmp_path)
    key_id, key = create_key(engine, "operator", "test")
    clock = Clock()
    cache = KeyCache(seconds=5, clock=clock)
    assert cache.authenticate(engine, key).actor.key_id == key_id
    revoke(engine, key_id)
    clock.now += 4
    assert cache.authenticate(engine, key) is not None  # within the TTL: the cached answer
    clock.now += 2
    assert cache.authenticate(engine, key) is None


def test_forget_id_drops_a_key_at_once_and_unknown_keys_are_cached_too(tmp_path):
    engine = keys_database(tmp_path)
    key_id, key = create_key(engine, "citizen", "test", "4b0e1f5e-3f7a-4d69-9a56-6f1b1a2f7e10")
    cache = KeyCache(seconds=60, clock=Clock())
    assert cache.authenticate(engine, key).actor.subject_id == "4b0e1f5e-3f7a-4d69-9a56-6f1b1a2f7e10"
    revoke(engine, key_id)
    cache.forget_id(key_id)
    assert cache.authenticate(engine, key) is None
    assert cache.authenticate(engine, "kyd_unknown") is None
    assert cache.authenticate(engine, "not-a-key") is None


def test_a_zero_ttl_looks_up_every_time(tmp_path):
    engine = keys_database(tmp_path)
    key_id, key = create_key(engine, "operator", "test")
    cache = KeyCache(seconds=0, clock=Clock())
    assert cache.authenticate(engine, key) is not None
    revoke(engine, key_id)
    assert cache.authenticate(engine, key) is None
