"""Erasure end to end, on the embedded SQLite databases and on PostgreSQL: a person's data is
spread over every service and the gateway (talent profile, match message, roster entry,
notification address, keys, idempotency records); one operator request erases it, reports each
holder's progress, repeats harmlessly, and afterwards no database holds any of the values."""
import uuid
from contextlib import ExitStack

import pytest
from sqlalchemy import MetaData, create_engine, select

from deploy.components import COMPONENTS
from services.common.database import database_url
from tests.support.platform import eventually, running_platform
from tests.support.throwaway_postgres import throwaway_database

pytestmark = pytest.mark.broker

NAME, EMAIL, PHONE = "消去 花子", "erase.hanako@example.jp", "090-8765-4321"
FREE_TEXT = "土曜の朝、消去テストの集合場所を教えてください"
ERASED_VALUES = (NAME, EMAIL, PHONE, FREE_TEXT)
ORGANISATION = {"name": "由宇消去テストの会", "name_kana": "ゆうしょうきょてすとのかい", "kind": "citizen_group",
                "region": "yu", "fields": ["welfare"], "description": "由宇地域の見守り活動です。"}
PROFILE = {"age_band": "30代", "skills": {"first_aid": 3}, "interests": ["welfare"], "regions": ["yu"],
           "home_region": "yu", "weekly_availability": [{"weekday": 5, "band": "morning"}],
           "max_hours_per_month": 10, "contact": {"email": EMAIL, "phone": PHONE}}
NEED = {"title": "見守り訪問", "kind": "volunteer_shift", "slots": 2, "required_skills": {"first_aid": 2},
        "schedule": {"dates": [{"on": "2027-01-09", "band": "morning", "hours": 3}]}}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def erasing_platform(request, tmp_path_factory, module_vhost_uri):
    env = {}
    with ExitStack() as databases:
        if request.param == "postgresql":
            for component in COMPONENTS:
                env[f"KYODO_{component.upper()}_DATABASE_URL"] = databases.enter_context(throwaway_database())
        with running_platform(tmp_path_factory.mktemp("erasure"), module_vhost_uri, env=env) as running:
            running.database_urls = {c: env.get(f"KYODO_{c.upper()}_DATABASE_URL") or database_url(c)
                                     for c in COMPONENTS}
            yield running


def _ok(response, status=(200, 201)):
    assert response.status_code in status, response.text
    return response.json()


def _spread_a_persons_data(platform) -> str:
    person_id = str(uuid.uuid4())
    person = platform.key_for("citizen", person_id)
    group_id = _ok(platform.call("POST", "/organisations", body=ORGANISATION))["id"]
    group = platform.key_for("organisation", group_id)
    _ok(platform.call("POST", "/talents", person, body=PROFILE))
    _ok(platform.call("POST", f"/organisations/{group_id}/roster", group, body={
        "role": "member", "name": NAME, "person_id": person_id, "email": EMAIL, "phone": PHONE}))
    _ok(platform.call("POST", "/notifications/addresses", person, body={"address": EMAIL}))
    association = _ok(platform.call("POST", "/organisations", body={
        "name": "由宇消去テスト自治会", "name_kana": "ゆうしょうきょてすとじちかい", "kind": "neighbourhood_association",
        "region": "yu", "fields": ["community_development"]}))["id"]
    _ok(platform.call("PUT", f"/associations/{association}/area", body={"towns": ["由宇町神東"]}))
    _ok(platform.call("POST", "/associations/newcomer-interest", person, body={
        "organisation_id": association, "region": "yu", "town": "由宇町神東", "consent": True}))
    need = eventually(lambda: (r := platform.call("POST", "/needs", group, body=NEED)).status_code == 201 and r)
    match = _ok(platform.call("POST", "/matches", person, body={"need_id": need.json()["id"]}))
    _ok(platform.call("POST", f"/matches/{match['id']}/messages", person, body={"body": FREE_TEXT}))
    eventually(lambda: platform.call("GET", "/inbox", group).json()["items"])  # events have flowed
    platform.person_key = person
    return person_id


def _holding(platform) -> dict[str, list[str]]:
    """Every erased value found in any table of any component's database."""
    found = {}
    for component, url in platform.database_urls.items():
        engine = create_engine(url)
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as connection:
            for table in metadata.sorted_tables:
                rows = repr(connection.execute(select(table)).all())
                hits = [v for v in ERASED_VALUES if v in rows or v.encode("unicode_escape").decode() in rows]
                if hits:
                    found[f"{component}.{table.name}"] = hits
        engine.dispose()
    return found


def test_an_operator_erases_a_person_everywhere_and_nothing_remains(erasing_platform):
    platform = erasing_platform
    person_id = _spread_a_persons_data(platform)
    before = _holding(platform)
    assert {"matching.talents", "matching.match_messages", "registry.roster_entries",
            "notifications.contact_addresses"} <= set(before), before
    refused = platform.call("POST", "/admin/erasures", platform.person_key, body={"subject_id": person_id})
    assert refused.status_code == 403
    report = _ok(platform.call("POST", "/admin/erasures", body={"subject_id": person_id}))
    assert report["complete"] is True, report
    by_holder = {h["holder"]: h for h in report["holders"]}
    assert set(by_holder) == {"registry", "matching", "notifications", "reports", "gateway"}
    assert by_holder["matching"]["erased"]["talent_profiles"] == 1
    assert by_holder["registry"]["erased"] == {"roster_entries": 1, "newcomer_interests": 1}
    assert by_holder["notifications"]["erased"]["contact_addresses"] == 1
    assert by_holder["gateway"]["erased"]["api_keys"] == 1
    assert _holding(platform) == {}
    # the person's keys are gone; a gateway's key cache may answer for them a few seconds more
    eventually(lambda: platform.call("GET", "/inbox", platform.person_key).status_code == 401, timeout=15)
    again = _ok(platform.call("POST", "/admin/erasures", body={"subject_id": person_id}))
    assert again["complete"] and all(set(h["erased"].values()) <= {0} for h in again["holders"]), again


def test_a_person_deletes_their_own_profile(erasing_platform):
    platform = erasing_platform
    person_id = str(uuid.uuid4())
    person, stranger = platform.key_for("citizen", person_id), platform.key_for("citizen", str(uuid.uuid4()))
    _ok(platform.call("POST", "/talents", person, body=PROFILE))
    assert platform.call("DELETE", f"/talents/{person_id}", stranger).status_code == 403
    deleted = _ok(platform.call("DELETE", f"/talents/{person_id}", person))
    assert deleted["erased"]["talent_profiles"] == 1
    assert platform.call("GET", f"/talents/{person_id}", person).status_code == 404
    assert platform.call("DELETE", f"/talents/{person_id}", person).status_code == 404
