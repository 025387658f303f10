"""Shape of the demo data for Iwakuni: counts, coverage, readings, and references that resolve."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

DEMO_FILE = Path(__file__).resolve().parents[4] / "deploy" / "demo" / "iwakuni.json"

REGIONS = ["岩国", "由宇", "玖珂", "本郷", "周東", "錦", "美川", "美和"]
KINDS = {
    "citizen_group",
    "npo",
    "general_incorporated_association",
    "neighbourhood_association",
    "regional_group",
    "business",
    "school",
    "other",
}
CORE_FIELDS = {
    "福祉", "子育て", "教育", "環境", "防災・防犯", "まちづくり", "文化・芸術", "スポーツ",
    "国際交流", "保健・医療", "観光", "多世代交流", "男女共同参画", "人権", "農林水産",
    "IT・デジタル", "高齢者支援", "障がい者支援",
}  # fmt: skip
KATAKANA_READING = re.compile(r"^[ァ-ヴー]+$")  # full-width katakana and ー, no spaces
HIRAGANA_READING = re.compile(r"^[ぁ-ゔー]+$")


@pytest.fixture(scope="module")
def demo() -> dict:
    return json.loads(DEMO_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def organisations_by_name(demo: dict) -> dict[str, dict]:
    return {org["name"]: org for org in demo["organisations"]}


@pytest.fixture(scope="module")
def towns_by_region(demo: dict) -> dict[str, set[str]]:
    return {region["code"]: {town["name"] for town in region["towns"]} for region in demo["regions"]}


def test_city(demo: dict) -> None:
    assert demo["city"] == {"code": "iwakuni", "name": "岩国市", "name_en": "Iwakuni"}


def test_all_eight_regions_with_readings_and_towns(demo: dict) -> None:
    regions = demo["regions"]
    assert [region["name"] for region in regions] == REGIONS
    assert len({region["code"] for region in regions}) == len(regions)
    for region in regions:
        assert HIRAGANA_READING.match(region["kana"]), region
        assert 4 <= len(region["towns"]) <= 8, region["name"]
        for town in region["towns"]:
            assert HIRAGANA_READING.match(town["kana"]), town
    all_towns = [town["name"] for region in regions for town in region["towns"]]
    assert len(set(all_towns)) == len(all_towns)


def test_field_taxonomy(demo: dict) -> None:
    fields = demo["fields"]
    codes = [field["code"] for field in fields]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[a-z_]+", code) for code in codes)
    assert CORE_FIELDS <= {field["ja"] for field in fields}
    assert all(field["en"] for field in fields)


def test_organisation_counts_and_coverage(demo: dict) -> None:
    organisations = demo["organisations"]
    assert len(organisations) >= 60
    names = [org["name"] for org in organisations]
    assert len(set(names)) == len(names)
    region_codes = {region["code"] for region in demo["regions"]}
    assert {org["region"] for org in organisations} == region_codes
    assert {org["kind"] for org in organisations} == KINDS
    # Every region has more than a token presence.
    assert min(Counter(org["region"] for org in organisations).values()) >= 4


def test_organisation_records(demo: dict, towns_by_region: dict[str, set[str]]) -> None:
    field_codes = {field["code"] for field in demo["fields"]}
    this_year = dt.date.today().year
    for org in demo["organisations"]:
        label = org["name"]
        assert org["kind"] in KINDS, label
        assert org["town"] in towns_by_region[org["region"]], label
        assert KATAKANA_READING.match(org["kana"]), label
        assert unicodedata.normalize("NFKC", org["kana"]) == org["kana"], label  # no half-width
        assert org["fields"] and set(org["fields"]) <= field_codes, label
        assert len(set(org["fields"])) == len(org["fields"]), label
        assert 10 <= len(org["description"]) <= 120, label
        assert 1850 <= org["founded_year"] <= this_year, label
        assert 0 < org["members_in_city"] <= org["member_count"], label


def test_search_exercising_names_are_present(demo: dict) -> None:
    names = " ".join(org["name"] for org in demo["organisations"])
    for word in ("防災", "子育て", "子ども食堂", "まちづくり協議会", "NPO法人", "ヶ丘", "ケ丘", "IWAKUNI"):
        assert word in names, word


def test_at_least_twenty_associations_with_plausible_membership(
    demo: dict, organisations_by_name: dict[str, dict], towns_by_region: dict[str, set[str]]
) -> None:
    associations = demo["associations"]
    assert len(associations) >= 20
    assert len({a["organisation"] for a in associations}) == len(associations)
    for association in associations:
        org = organisations_by_name[association["organisation"]]
        assert org["kind"] == "neighbourhood_association", org["name"]
        assert association["towns"] and set(association["towns"]) <= towns_by_region[org["region"]]
        assert org["town"] in association["towns"]
        figures = [association, *association["history"]]
        dates = [dt.date.fromisoformat(f["as_of"]) for f in figures]
        assert dates == sorted(dates, reverse=True) and len(set(dates)) == len(dates)
        for f in figures:
            rate = f["member_households"] / f["households_in_area"]
            assert 0.40 <= rate <= 0.95, (org["name"], f["as_of"], rate)


def test_membership_rates_vary_between_town_and_country(demo: dict) -> None:
    rates = [a["member_households"] / a["households_in_area"] for a in demo["associations"]]
    assert min(rates) < 0.5 and max(rates) > 0.9


def test_ten_facilities_with_rooms_and_a_designated_manager(
    demo: dict, organisations_by_name: dict[str, dict]
) -> None:
    facilities = demo["facilities"]
    assert len(facilities) == 10
    region_codes = {region["code"] for region in demo["regions"]}
    assert len({f["name"] for f in facilities}) == len(facilities)
    for facility in facilities:
        label = facility["name"]
        assert KATAKANA_READING.match(facility["kana"]), label
        assert facility["region"] in region_codes, label
        assert facility["address"].startswith("岩国市"), label
        assert facility["rooms"], label
        assert len({room["name"] for room in facility["rooms"]}) == len(facility["rooms"]), label
        for room in facility["rooms"]:
            assert room["capacity"] > 0 and isinstance(room["equipment"], list), label
        assert facility["accessibility"], label
        hours = facility["opening_hours"]
        assert dt.time.fromisoformat(hours["open"]) < dt.time.fromisoformat(hours["close"]), label
        assert facility["managing_organisation"] in organisations_by_name, label
        start = dt.date.fromisoformat(facility["designation"]["from"])
        end = dt.date.fromisoformat(facility["designation"]["to"])
        assert start < end, label


def test_nothing_personal(demo: dict) -> None:
    text = DEMO_FILE.read_text(encoding="utf-8")
    assert not re.search(r"\d{2,4}-\d{2,4}-\d{3,4}", text), "phone number"
    for address in re.findall(r"[\w.+-]+@[\w.-]+", text):
        assert address.endswith(".example.jp") or address.endswith("@example.jp"), address
