"""What a city configures: its regions and the taxonomy of activity fields.

Iwakuni is the first city, not the only one: nothing here knows its eight regions.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    name: str
    kana: str


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kana: str
    towns: tuple[Town, ...] = ()


@dataclass(frozen=True)
class ActivityField:
    code: str
    ja: str
    en: str


@dataclass(frozen=True)
class CityProfile:
    code: str
    name: str
    regions: tuple[Region, ...]
    fields: tuple[ActivityField, ...]
    timezone: str = "Asia/Tokyo"  # IANA name; opening hours and booking days are local

    def has_region(self, code: str) -> bool:
        return any(region.code == code for region in self.regions)

    def region(self, code: str) -> Region | None:
        return next((region for region in self.regions if region.code == code), None)

    def has_town(self, region_code: str, town: str) -> bool:
        """A region that lists no towns accepts any town name."""
        region = self.region(region_code)
        if region is None:
            return False
        return not region.towns or any(t.name == town for t in region.towns)

    def unknown_region(self, code: str) -> str:
        """The message for a region code the city does not have: it names the valid ones."""
        valid = ", ".join(region.code for region in self.regions)
        return f"地域が不正です / unknown region: {code} (one of {valid})"

    def unknown_fields_message(self, unknown: list[str]) -> str:
        valid = ", ".join(field.code for field in self.fields)
        return f"活動分野が不正です / unknown fields: {', '.join(unknown)} (one of {valid})"

    def unknown_fields(self, codes: list[str]) -> list[str]:
        known = {field.code for field in self.fields}
        return [code for code in codes if code not in known]
