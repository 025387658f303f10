"""Where the configured city's profile lives, and the region names every service shows people.

The profile is deployment configuration (KYODO_CITY_PROFILE: a bundled city code or a path), so
every service may read it; registry alone validates against it.
"""
import json
import os
from functools import cache
from pathlib import Path

BUNDLED = Path(__file__).resolve().parent / "city_profiles"


def city_profile_path() -> Path:
    choice = os.environ.get("KYODO_CITY_PROFILE", "iwakuni")
    return Path(choice) if choice.endswith(".json") else BUNDLED / f"{choice}.json"


@cache
def region_names() -> dict[str, str]:
    """Region code → its Japanese name (由宇 for yu); unknown codes show as themselves."""
    data = json.loads(city_profile_path().read_text(encoding="utf-8"))
    return {region["code"]: region["name"] for region in data["regions"]}
