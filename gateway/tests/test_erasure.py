"""The gateway's own erasure of a person: their keys and console accounts, the idempotency
records those made and any stored answer naming them go; others' keys and records stay; a repeat answers zeros."""
import uuid
from datetime import datetime, timezone

from sqlalchemy import select

from gateway.api_keys import KeyCache, create_key
from gateway.console.accounts import create_account
from gateway.console.password_resets import ResetPolicy, issue
from gateway.console.sessions import open_session
from gateway.erasure import erase_subject
from gateway.idempotency import IdempotencyStore, StoredResponse
from gateway.tables import (api_keys, console_accounts, console_password_resets, console_sessions,
                            idempotency_records)
from gateway.tests.test_key_cache import keys_database


def _record(store, key_id, body):
    idempotency_key = str(uuid.uuid4())
    store.begin(key_id, idempotency_key, "fingerprint")
    store.finish(key_id, idempotency_key, StoredResponse(201, body))


def test_a_persons_keys_and_records_go_and_nobody_elses(tmp_path):
    engine = keys_database(tmp_path)
    person, other = str(uuid.uuid4()), str(uuid.uuid4())
    own_key_id, own_key = create_key(engine, "citizen", "花子", person)
    other_key_id, other_key = create_key(engine, "citizen", "次郎", other)
    operator_key_id, _ = create_key(engine, "operator", "support center")
    store = IdempotencyStore(engine)
    _record(store, own_key_id, {"contact": {"email": "hanako@example.jp"}})
    _record(store, operator_key_id, {"id": person, "contact": {"phone": "090-1234-5678"}})
    _record(store, other_key_id, {"contact": {"email": "jiro@example.jp"}})
    account_id = create_account(engine, "hanako@example.jp", "a long enough password", "citizen",
                                datetime.now(timezone.utc), subject_id=person)
    open_session(engine, account_id, datetime.now(timezone.utc))
    issue(engine, "hanako@example.jp", datetime.now(timezone.utc), ResetPolicy())  # a reset link
    _record(store, account_id, {"id": "offer"})
    assert erase_subject(engine, engine, person) == {"idempotency_records": 3, "api_keys": 1,
                                                     "console_accounts": 1}
    with engine.connect() as connection:
        left = repr(connection.execute(select(idempotency_records)).all()
                    + connection.execute(select(api_keys)).all()
                    + connection.execute(select(console_accounts)).all()
                    + connection.execute(select(console_sessions)).all())
        assert connection.execute(select(console_password_resets)).all() == []
    assert "hanako@example.jp" not in left and "090-1234-5678" not in left and person not in left
    assert "jiro@example.jp" in left
    uncached = KeyCache(seconds=0)
    assert uncached.authenticate(engine, own_key) is None
    assert uncached.authenticate(engine, other_key) is not None
    assert erase_subject(engine, engine, person) == {"idempotency_records": 0, "api_keys": 0,
                                                     "console_accounts": 0}


def test_a_holder_that_is_down_is_reported_and_the_others_are_done(tmp_path):
    from gateway.dispatch import ServiceUnavailable
    from gateway.erasure import erase_everywhere
    from services.common.actor import Actor

    engine = keys_database(tmp_path)
    person = str(uuid.uuid4())
    create_key(engine, "citizen", "花子", person)
    asked = []

    def call_service(service, method, actor, params):
        asked.append((service, method, actor["role"], params["subject_id"]))
        if service == "reports":
            raise ServiceUnavailable(service)
        return {"erased": {"things": 1}}

    report = erase_everywhere(call_service, ("registry", "reports"), engine, engine,
                              Actor("operator", key_id="op"), person)
    assert asked == [("registry", "erase_person", "operator", person), ("reports", "erase_person", "operator", person)]
    assert report == {"complete": False, "holders": [
        {"holder": "registry", "status": "erased", "erased": {"things": 1}},
        {"holder": "reports", "status": "unavailable", "erased": {}},
        {"holder": "gateway", "status": "erased", "erased": {"idempotency_records": 0, "api_keys": 1,
                                                                 "console_accounts": 0}}]}
