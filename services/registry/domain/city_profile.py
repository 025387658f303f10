"""What a city configures: its regions and the taxonomy of activity fields.

Iwakuni is the first city, not the only one: nothing here knows its eight regions.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kana: str


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

    def has_region(self, code: str) -> bool:
        return any(region.code == code for region in self.regions)

    def unknown_fields(self, codes: list[str]) -> list[str]:
        known = {field.code for field in self.fields}
        return [code for code in codes if code not in known]
