"""Loads the configured city's profile (KYODO_CITY_PROFILE: a path, or a bundled city code)."""
import json
from functools import cache
from pathlib import Path

from services.common.city_profile_file import city_profile_path
from services.registry.domain.city_profile import ActivityField, CityProfile, Region, Town


@cache
def configured_city() -> CityProfile:
    return load_city_profile(city_profile_path())


def load_city_profile(path: Path) -> CityProfile:
    data = json.loads(path.read_text(encoding="utf-8"))
    return CityProfile(
        code=data["code"], name=data["name"],
        regions=tuple(Region(r["code"], r["name"], r["kana"],
                            tuple(Town(t["name"], t["kana"]) for t in r.get("towns", ())))
                     for r in data["regions"]),
        fields=tuple(ActivityField(f["code"], f["ja"], f["en"]) for f in data["fields"]),
        timezone=data.get("timezone", "Asia/Tokyo"))
