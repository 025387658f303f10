"""Neighbourhood associations through the gateway: area, figures, the membership rate with its
numbers, the newcomer lookup (public contact only), the consented interest reaching reports."""
import uuid

import pytest

from tests.support.platform import eventually

pytestmark = pytest.mark.broker


@pytest.fixture(scope="module")
def association(platform):
    created = platform.call("POST", "/organisations", body={
        "name": "本郷宇塚自治会", "name_kana": "ホンゴウウヅカジチカイ",
        "kind": "neighbourhood_association", "region": "hongo", "fields": ["community_development"],
        "contacts": [{"channel": "phone", "value": "0827-75-0000", "visibility": "public"},
                     {"channel": "email", "value": "kaichou@example.jp",
                      "visibility": "operators"}]})
    assert created.status_code == 201, created.text
    organisation_id = created.json()["id"]
    area = platform.call("PUT", f"/associations/{organisation_id}/area",
                         body={"towns": ["本郷町宇塚", "本郷町波野"]})
    assert area.status_code == 200, area.text
    households = platform.call("POST", f"/associations/{organisation_id}/households",
                               body={"households_in_area": 120, "as_of": "2024-04-01"})
    assert households.status_code == 201, households.text
    key = platform.key_for("organisation", organisation_id)
    for value, as_of in ((96, "2024-04-01"), (90, "2025-04-01")):
        members = platform.call("POST", f"/associations/{organisation_id}/member-households", key,
                                body={"member_households": value, "as_of": as_of})
        assert members.status_code == 201, members.text
    return {"id": organisation_id, "key": key}


def test_the_rate_as_of_a_day_with_the_numbers_behind_it(platform, association):
    rates = platform.call("GET", "/associations/membership-rate",
                          params={"region": "hongo", "as_of": "2024-12-31"}).json()
    [row] = [a for a in rates["associations"] if a["organisation_id"] == association["id"]]
    assert (row["households_in_area"], row["member_households"], row["rate"]) == (120, 96, 0.8)
    assert rates["regions"][0]["region"] == "hongo" and rates["city"]["households_in_area"] >= 120
    later = platform.call("GET", "/associations/membership-rate",
                          params={"region": "hongo", "as_of": "2025-06-01"}).json()
    assert later["associations"][0]["rate"] == 0.75


def test_only_operators_enter_households_in_the_area(platform, association):
    refused = platform.call("POST", f"/associations/{association['id']}/households",
                            association["key"],
                            body={"households_in_area": 1, "as_of": "2024-04-01"})
    assert refused.status_code == 403
    bad = platform.call("POST", f"/associations/{association['id']}/member-households",
                        association["key"], body={"member_households": -1, "as_of": "2024-04-01"})
    assert bad.status_code == 422 and "member_households" in bad.json()["errors"]


def test_a_newcomer_finds_the_association_and_asks_to_be_introduced(platform, association):
    newcomer = platform.key_for("citizen", str(uuid.uuid4()))
    found = platform.call("GET", "/associations/for-newcomers", newcomer,
                          params={"region": "hongo", "town": "本郷町波野"}).json()["items"]
    assert [f["organisation"]["id"] for f in found] == [association["id"]]
    assert "kaichou@" not in str(found) and found[0]["organisation"]["contacts"][0]["channel"] == "phone"
    no_consent = platform.call("POST", "/associations/newcomer-interest", newcomer, body={
        "organisation_id": association["id"], "region": "hongo", "town": "本郷町波野",
        "consent": False})
    assert no_consent.status_code == 422
    asked = platform.call("POST", "/associations/newcomer-interest", newcomer, body={
        "organisation_id": association["id"], "region": "hongo", "town": "本郷町波野",
        "consent": True})
    assert asked.status_code == 201, asked.text

    def reported():
        regions = platform.call("GET", "/reports/membership",
                                params={"region": "hongo", "as_of": "2025-06-01"}).json()["regions"]
        return regions if regions and regions[0]["newcomer_interests"] == 1 else None
    [hongo] = eventually(reported)
    assert (hongo["households_in_area"], hongo["member_households"], hongo["rate"]) == (120, 90, 0.75)
