"""Loads the Japanese demo data set through the public API, so every event really flows."""
import json
from pathlib import Path

from deploy.demo_api import DemoApi
from deploy.demo_matching import load_matching_demo
from services.registry.adapters.city_profiles import configured_city

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "iwakuni.json"


def _codes_by_label(demo: dict) -> tuple[dict, dict]:
    """Map the demo file's region and field labels onto the configured city's codes."""
    city = configured_city()
    region_code = {r.name: r.code for r in city.regions}
    field_code = {f.ja: f.code for f in city.fields}
    regions = {r.get("code", r["name"]): region_code.get(r["name"], r.get("code"))
               for r in demo.get("regions", [])}
    fields = {f.get("code", f.get("ja")): field_code.get(f.get("ja"), f.get("code"))
              for f in demo.get("fields", [])}
    return regions, fields


_LEGAL_FORMS = (("NPO法人", "npo_corporation"), ("特定非営利活動法人", "npo_corporation"),
                ("一般社団法人", "general_incorporated_association"),
                ("社会福祉法人", "social_welfare_corporation"), ("株式会社", "stock_company"),
                ("合同会社", "limited_liability_company"), ("協同組合", "cooperative"))


def _legal_form(organisation: dict) -> str:
    return next((form for prefix, form in _LEGAL_FORMS if prefix in organisation["name"]), "none")


def _organisation_body(organisation: dict, regions: dict, fields: dict, known_fields: set) -> dict:
    codes = [fields.get(f, f) for f in organisation["fields"]]
    body = {
        "name": organisation["name"], "name_kana": organisation["kana"],
        "kind": organisation["kind"],
        "region": regions.get(organisation["region"], organisation["region"]),
        "fields": [c for c in codes if c in known_fields] or ["community_development"],
        "description": organisation.get("description", ""),
        "legal_form": _legal_form(organisation),
        "social_business": organisation["kind"] in ("npo", "business")
        and "ビジネス" in organisation.get("description", ""),
    }
    for name in ("town", "founded_year", "member_count", "members_in_city"):
        if organisation.get(name) is not None:
            body[name] = organisation[name]
    return body


def _load_associations(api: DemoApi, demo: dict, ids: dict) -> int:
    """Towns covered, and household figures with their history (oldest first)."""
    for association in demo.get("associations", []):
        organisation_id = ids[association["organisation"]]
        api.call("PUT", f"/associations/{organisation_id}/area", {"towns": association["towns"]})
        figures = sorted(association.get("history", []) + [association],
                         key=lambda figure: figure["as_of"])
        for figure in figures:
            api.call("POST", f"/associations/{organisation_id}/households", {
                "households_in_area": figure["households_in_area"], "as_of": figure["as_of"]})
            api.call("POST", f"/associations/{organisation_id}/member-households", {
                "member_households": figure["member_households"], "as_of": figure["as_of"]})
    return len(demo.get("associations", []))


def _load_facilities(api: DemoApi, demo: dict, ids: dict, regions: dict) -> int:
    for facility in demo.get("facilities", []):
        body = {"name": facility["name"], "name_kana": facility["kana"],
                "region": regions.get(facility["region"], facility["region"]),
                "address": facility["address"], "rooms": facility["rooms"],
                "accessibility": facility.get("accessibility", []),
                "opening_hours": facility.get("opening_hours", {})}
        if facility.get("town"):
            body["town"] = facility["town"]
        manager = facility.get("managing_organisation")
        if manager in ids:
            designation = facility.get("designation", {})
            body["designation"] = {"organisation_id": ids[manager],
                                   "from": designation.get("from", "2024-04-01"),
                                   "to": designation.get("to")}
        api.call("POST", "/facilities", body)
    return len(demo.get("facilities", []))


def load_demo(gateway: str, operator_key: str, demo_file: Path = DEMO_FILE) -> str:
    demo = json.loads(demo_file.read_text(encoding="utf-8"))
    api = DemoApi(gateway + "/api/v1", operator_key)
    regions, fields = _codes_by_label(demo)
    known_fields = {f.code for f in configured_city().fields}
    ids: dict[str, str] = {}
    for organisation in demo["organisations"]:
        created = api.call("POST", "/organisations",
                           _organisation_body(organisation, regions, fields, known_fields))
        ids[organisation["name"]] = created["id"]
    organisation_ids = list(ids.values())
    associations = _load_associations(api, demo, ids)
    facilities = _load_facilities(api, demo, ids, regions)
    api.call("PUT", "/subscriptions/me", {"regions": [r.code for r in configured_city().regions]})
    matching = load_matching_demo(api.call, [ids[o["name"]] for o in demo["organisations"] if o["kind"] != "business"])
    return (f"demo data: {len(organisation_ids)} organisations, {associations} associations, "
            f"{facilities} facilities; {matching} / デモデータを登録しました")
