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


def test_reports_gives_registrys_membership_rate_on_every_day(platform):
    """Registry owns the rate's rule and publishes its region rows; /reports/membership answers
    from them. Days before, between and after the figures, two of them backdated."""
    ids = []
    for name, kana, town in (("南桑自治会", "ナグワジチカイ", "美川町南桑"),
                             ("根笠自治会", "ネガサジチカイ", "美川町根笠")):
        created = platform.call("POST", "/organisations", body={
            "name": name, "name_kana": kana, "kind": "neighbourhood_association",
            "region": "mikawa", "fields": ["community_development"]})
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
        area = platform.call("PUT", f"/associations/{ids[-1]}/area", body={"towns": [town]})
        assert area.status_code == 200, area.text
    nagwa, negasa = ids
    households, members = ("households", "households_in_area"), ("member-households",
                                                                 "member_households")
    for organisation_id, (path, field), value, as_of in (
            (nagwa, households, 200, "2023-04-01"), (nagwa, members, 150, "2023-04-01"),
            (negasa, households, 100, "2024-04-01"), (negasa, members, 60, "2024-04-01"),
            (nagwa, members, 140, "2024-10-01"),
            (nagwa, households, 210, "2022-04-01"),  # backdated before every other figure
            (negasa, members, 70, "2023-10-01")):  # backdated between them
        recorded = platform.call("POST", f"/associations/{organisation_id}/{path}",
                                 body={field: value, "as_of": as_of})
        assert recorded.status_code == 201, recorded.text

    def rows(path, day):
        regions = platform.call("GET", path, params={"region": "mikawa", "as_of": day}).json()
        return [(r["region"], r["associations"], r["households_in_area"], r["member_households"],
                 r["rate"]) for r in regions["regions"]]

    days = ("2022-01-01", "2022-04-01", "2023-04-01", "2023-12-31", "2024-04-01", "2024-10-01",
            "2025-06-01")
    registry = {day: rows("/associations/membership-rate", day) for day in days}
    assert [registry[day][0][1:] for day in days] == [
        (2, 0, 0, None), (2, 0, 0, None), (2, 200, 150, 0.75), (2, 200, 150, 0.75),
        (2, 300, 210, 0.7), (2, 300, 200, 0.6667), (2, 300, 200, 0.6667)]

    def reports_caught_up():
        reports = {day: rows("/reports/membership", day) for day in days}
        return reports if reports == registry else None
    assert eventually(reports_caught_up) == registry
