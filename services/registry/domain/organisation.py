"""Organisations of every kind, and the rules for registering one."""
from dataclasses import dataclass, field
from datetime import datetime

from services.common.errors import INVALID_INPUT, ValidationFailed
from services.registry.domain.city_profile import CityProfile
from services.registry.domain.events import OrganisationRegistered
from services.registry.domain.kana import is_reading, to_katakana_reading

KINDS = ("citizen_group", "npo", "general_incorporated_association", "neighbourhood_association",
         "regional_group", "business", "school", "other")
STATUSES = ("pending", "verified", "rejected")


@dataclass
class Organisation:
    id: str
    name: str
    name_kana: str
    kind: str
    region: str
    fields: list[str]
    description: str
    status: str
    registered_at: datetime
    events: list = field(default_factory=list, repr=False, compare=False)


def register(*, organisation_id: str, name: str, name_kana: str, kind: str, region: str,
             fields: list[str], description: str, verified: bool, now: datetime,
             city: CityProfile) -> Organisation:
    """A new organisation; one an operator registers is verified at once."""
    name = " ".join(name.split())
    reading = to_katakana_reading(name_kana)
    problems: dict[str, list[str]] = {}
    if not name:
        problems["name"] = ["団体名を入力してください / name is required"]
    if not is_reading(reading):
        problems["name_kana"] = ["フリガナはカタカナかひらがなで入力してください / "
                                 "the reading must be kana"]
    if kind not in KINDS:
        problems["kind"] = [f"種別が不正です / unknown kind (one of {', '.join(KINDS)})"]
    if not city.has_region(region):
        problems["region"] = [f"地域が不正です / unknown region: {region}"]
    unknown = city.unknown_fields(fields)
    if unknown:
        problems["fields"] = [f"活動分野が不正です / unknown fields: {', '.join(unknown)}"]
    if problems:
        raise ValidationFailed(INVALID_INPUT, problems)
    organisation = Organisation(
        id=organisation_id, name=name, name_kana=reading, kind=kind, region=region,
        fields=list(dict.fromkeys(fields)), description=description.strip(),
        status="verified" if verified else "pending", registered_at=now)
    organisation.events.append(OrganisationRegistered(
        organisation_id=organisation.id, kind=kind, region=region, fields=organisation.fields,
        status=organisation.status))
    return organisation
