"""Loads the Japanese demo data set through the public API, so every event really flows."""
import json
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from services.registry.adapters.city_profiles import configured_city

DEMO_FILE = Path(__file__).resolve().parent / "demo" / "iwakuni.json"

NEED_TITLES = (
    ("防災訓練の受付ボランティア募集", "volunteer_shift"),
    ("子ども食堂の調理スタッフ募集", "volunteer_shift"),
    ("ホームページ更新を手伝ってくれる方", "skilled_task"),
    ("夏祭りの設営・撤収ボランティア", "event_helper"),
    ("高齢者向けスマホ教室の講師派遣", "lecturer_dispatch"),
)


class _Api:
    def __init__(self, base: str, key: str):
        self.base, self.key = base.rstrip("/"), key

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            f"{self.base}{path}", method=method,
            data=json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
            headers={"Authorization": f"Bearer {self.key}", "Content-Type": "application/json",
                     "Idempotency-Key": str(uuid.uuid4())})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{method} {path}: {error.code} {error.read().decode()}") from error


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


def _when_known(post, wait: float = 30.0):
    """Matching learns of organisations from events, a moment after registry commits."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return post()
        except RuntimeError as error:
            if "unknown organisation" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def load_demo(gateway: str, operator_key: str, demo_file: Path = DEMO_FILE) -> str:
    demo = json.loads(demo_file.read_text(encoding="utf-8"))
    api = _Api(gateway + "/api/v1", operator_key)
    regions, fields = _codes_by_label(demo)
    known_fields = {f.code for f in configured_city().fields}
    organisation_ids = []
    for organisation in demo["organisations"]:
        codes = [fields.get(f, f) for f in organisation["fields"]]
        created = api.call("POST", "/organisations", {
            "name": organisation["name"], "name_kana": organisation["kana"],
            "kind": organisation["kind"],
            "region": regions.get(organisation["region"], organisation["region"]),
            "fields": [c for c in codes if c in known_fields] or ["community_development"],
            "description": organisation.get("description", "")})
        organisation_ids.append(created["id"])
    api.call("PUT", "/subscriptions/me", {"regions": [r.code for r in configured_city().regions]})
    for index, organisation_id in enumerate(organisation_ids[::4]):
        title, kind = NEED_TITLES[index % len(NEED_TITLES)]
        _when_known(lambda: api.call("POST", "/needs", {
            "organisation_id": organisation_id, "title": title, "kind": kind, "slots": 2 + index % 5}))
    return (f"demo data: {len(organisation_ids)} organisations, "
            f"{len(organisation_ids[::4])} needs / デモデータを登録しました")
