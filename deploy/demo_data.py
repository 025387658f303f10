"""Loads the Japanese demo data set through the public API, so every event really flows."""
import json
import time
from datetime import date, timedelta
from pathlib import Path

from deploy.demo_api import DemoApi
from deploy.demo_gatherings import load_gatherings_demo
from deploy.demo_gifts import give_gifts
from deploy.demo_matching import load_matching_demo
from deploy.demo_notifications import load_notifications_demo
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


# The city's plan KPIs (PLAN.md plan-wide tracking): FY2023 baseline, a target per year to FY2028.
PLAN_KPIS = (
    ("organisations_registered", "登録団体数", "organisations_registered", "higher", 60,
     (70, 80, 90, 100, 110)),
    ("consultations", "市民活動支援センターの相談件数", "consultations", "higher", 120,
     (130, 140, 150, 160, 170)),
    ("needs_posted", "ボランティア募集件数", "needs_posted", "higher", 50, (60, 70, 80, 90, 100)),
    ("matches_completed", "マッチング成立（活動完了）件数", "matches_completed", "higher", 20,
     (30, 40, 50, 60, 70)),
    ("volunteer_hours", "ボランティア活動時間", "volunteer_hours", "higher", 100,
     (150, 200, 250, 300, 350)),
    ("active_businesses", "社会貢献活動に参加した事業者数", "active_businesses", "higher", 3,
     (4, 5, 6, 7, 8)),
    ("youth_share", "若者（10代・20代）の参加割合", "youth_share", "higher", 10,
     (12, 14, 16, 18, 20)),
    ("membership_rate", "自治会加入率", "membership_rate", "higher", 70, (70, 71, 72, 73, 74)),
    ("facility_use", "拠点施設の利用件数", "facility_use", "higher", 200, (210, 220, 230, 240, 250)),
    ("newcomers_introduced", "自治会紹介を希望した転入者数", "newcomers_introduced", "higher", 10,
     (15, 20, 25, 30, 35)),
)
PLAN_YEARS = (2024, 2025, 2026, 2027, 2028)


def _load_plan_kpis(api: DemoApi) -> int:
    for code, name, measure, direction, baseline, targets in PLAN_KPIS:
        api.call("PUT", f"/reports/kpi/indicators/{code}", {
            "name": name, "measure": measure, "direction": direction, "baseline": baseline,
            "targets": {str(year): target for year, target in zip(PLAN_YEARS, targets)}})
    return len(PLAN_KPIS)


def _businesses(api: DemoApi) -> list[dict]:
    found, cursor = [], None
    while True:
        page = api.call("GET", "/organisations?kind=business&limit=200"
                        + (f"&cursor={cursor}" if cursor else ""))
        found += page["items"]
        if not (cursor := page["next_cursor"]):
            return found


def _load_partner_reports(api: DemoApi, today: date) -> int:
    """Every business gets a CSR ledger (an offer of goods or a venue when it has none yet), a
    declared headcount, a gift recorded from one of its offers and its annual CSR report for this
    fiscal year."""
    fiscal_year = today.year if today.month >= 4 else today.year - 1
    businesses = _businesses(api)
    for index, business in enumerate(businesses):
        offers = api.call("GET", f"/offers?organisation_id={business['id']}&limit=1")["items"]
        if not offers:
            kind, title, quantity, unit = (("goods", "防災備蓄品の寄贈", 100, "個") if index % 2
                                           else ("venue", "研修室の無償貸出", 30, "人"))
            api.call("POST", "/offers", {
                "organisation_id": business["id"], "kind": kind, "title": title, "skills": {},
                "fields": ["disaster_prevention", "community_development"], "quantity": quantity,
                "unit": unit, "regions": [business["region"]], "starts": today.isoformat(),
                "ends": (today + timedelta(days=120)).isoformat()})
        api.call("PUT", f"/reports/partners/{business['id']}/headcount",
                 {"headcount": 20 + 15 * (index % 6)})
    give_gifts(api.call, [business["id"] for business in businesses])
    for business in businesses:
        ledger_path = f"/reports/partners/{business['id']}/csr-ledger?fiscal_year={fiscal_year}"
        deadline = time.monotonic() + 60
        while not api.call("GET", ledger_path)["fulfilled_by_kind"] and time.monotonic() < deadline:
            time.sleep(0.5)  # reports learns of the offers and gifts from matching's events
        api.call("POST", "/reports/jobs", {
            "report_kind": "partner_annual_csr", "partner_id": business["id"],
            "fiscal_year": fiscal_year, "formats": ["pdf", "xlsx", "csv"],
            "title_name": business["name"]})
    return len(businesses)


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
    indicators = _load_plan_kpis(api)
    partners = _load_partner_reports(api, date.today())
    notifications = load_notifications_demo(api)
    gatherings = load_gatherings_demo(api)
    return (f"demo data: {len(organisation_ids)} organisations, {associations} associations, "
            f"{facilities} facilities; {matching}; {indicators} plan KPIs (FY2024–FY2028), "
            f"{partners} partners' CSR reports; {notifications}; {gatherings} / デモデータを登録しました")
