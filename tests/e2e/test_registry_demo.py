"""`./kyodo up --demo` loads the Iwakuni demo set through the public API: organisations of every
kind in all eight regions, associations with household figures, facilities with rooms."""
from datetime import datetime, timedelta

import pytest

from tests.support.platform import eventually

pytestmark = pytest.mark.broker


@pytest.fixture(scope="module")
def platform(demo_platform):
    return demo_platform


@pytest.fixture(scope="module")
def loaded(demo_loaded):
    return demo_loaded


def test_the_demo_reaches_the_issues_counts(platform, loaded):
    assert "74 organisations" in loaded and "24 associations" in loaded and "10 facilities" in loaded
    items, cursor = [], None
    while True:
        page = platform.call("GET", "/organisations", params={
            "limit": 200, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        if not (cursor := page["next_cursor"]):
            break
    assert len(items) >= 60
    assert len({o["region"] for o in items}) == 8 and len({o["kind"] for o in items}) == 8
    rates = platform.call("GET", "/associations/membership-rate").json()
    assert len([a for a in rates["associations"] if a["rate"] is not None]) >= 20
    assert 0 < rates["city"]["rate"] < 1 and len(rates["regions"]) == 8
    facilities = platform.call("GET", "/facilities", params={"limit": 200}).json()["items"]
    assert len(facilities) >= 10 and all(f["rooms"] and f["managing_organisation_id"]
                                         for f in facilities)


def test_demo_search_in_japanese(platform, loaded):
    names = [o["name"] for o in platform.call("GET", "/organisations",
                                              params={"q": "ﾎﾞｳｻｲ"}).json()["items"]]
    assert "岩国防災ネットワーク" in names and "由宇防災士会" in names


def test_the_demo_has_a_year_of_support_center_gatherings_and_the_citys_grants(platform, loaded):
    assert "workshops, courses, talks and exchange meetings; 4 grant programmes" in loaded
    gatherings = platform.call("GET", "/gatherings", params={"limit": 200}).json()["items"]
    assert len({g["region"] for g in gatherings}) == 8 and {g["kind"] for g in gatherings} >= {
        "course", "workshop", "talk", "exchange_meeting"}
    starts = sorted(datetime.fromisoformat(g["occurrences"][0]["starts_at"]) for g in gatherings)
    assert starts[-1] - starts[0] > timedelta(days=300), "a year of them"
    eventually(lambda: all(g["status"] == "scheduled" for g in platform.call(
        "GET", "/gatherings", params={"limit": 200}).json()["items"]))
    programmes = platform.call("GET", "/funding-opportunities", params={"open_only": "false"}).json()["items"]
    assert "岩国市協働のまちづくり事業補助金" in {p["programme"] for p in programmes}
