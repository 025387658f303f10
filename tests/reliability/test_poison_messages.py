"""(c) A poison message is retried with backoff, then parked as a dead letter, while the
messages behind it are processed; an operator lists it and replays it."""
import sqlite3
import uuid

import pytest

from services.common.topology import MAX_ATTEMPTS
from tests.support.events import count_rows, organisation_registered, publish_raw
from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker

FAST_RETRIES = {"KYODO_RETRY_DELAYS_MS": "200,400,800"}


@pytest.fixture(scope="module")
def platform(tmp_path_factory, module_vhost_uri):
    with running_platform(tmp_path_factory.mktemp("poison"), module_vhost_uri, env=FAST_RETRIES) as running:
        yield running


def dead_letters(platform, service):
    response = platform.call("GET", f"/admin/dead-letters/{service}")
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_a_failing_event_is_parked_after_bounded_retries_and_others_flow_past_it(platform, module_vhost_uri):
    reports_db = platform.data_dir / "reports.sqlite3"
    organisation_id = str(uuid.uuid4())
    publish_raw(module_vhost_uri, organisation_registered(organisation_id))
    eventually(lambda: count_rows(reports_db, "organisation_facts") == 1)
    # A second event claiming the same organisation breaks reports' primary key every time.
    poison = organisation_registered(organisation_id)
    publish_raw(module_vhost_uri, poison)
    for _ in range(30):
        publish_raw(module_vhost_uri, organisation_registered(str(uuid.uuid4())))

    eventually(lambda: count_rows(reports_db, "organisation_facts") == 31)
    [letter] = eventually(lambda: dead_letters(platform, "reports"))
    assert letter["message_id"] == poison["id"]
    assert letter["attempts"] == MAX_ATTEMPTS
    assert "IntegrityError" in letter["error"]
    assert letter["event"]["payload"]["organisation_id"] == organisation_id
    # matching applied the same event (an upsert there): nothing of it is dead
    assert dead_letters(platform, "matching") == []
    assert '"retry_in_ms": 200' in platform.logs("reports")

    # The operator repairs the cause, then replays: the event now takes effect, once.
    with sqlite3.connect(reports_db) as db:
        db.execute("DELETE FROM organisation_facts WHERE organisation_id = ?", (organisation_id,))
    replayed = platform.call("POST", f"/admin/dead-letters/reports/{letter['id']}/replay")
    assert replayed.status_code == 200, replayed.text
    eventually(lambda: count_rows(reports_db, "organisation_facts") == 31)
    assert dead_letters(platform, "reports") == []
    again = platform.call("POST", f"/admin/dead-letters/reports/{letter['id']}/replay")
    assert again.status_code == 409


def test_a_malformed_event_is_parked_at_once(platform, module_vhost_uri):
    broken = organisation_registered(str(uuid.uuid4()))
    del broken["payload"]["region"]
    publish_raw(module_vhost_uri, broken)
    letters = eventually(lambda: [d for d in dead_letters(platform, "matching")
                                  if d["message_id"] == broken["id"]])
    assert letters[0]["attempts"] == 1 and "region" in letters[0]["error"]


def test_only_operators_see_dead_letters(platform):
    citizen = platform.key_for("citizen", str(uuid.uuid4()))
    assert platform.call("GET", "/admin/dead-letters/reports", citizen).status_code == 403
    assert platform.call("GET", "/admin/dead-letters/registry").status_code == 422
