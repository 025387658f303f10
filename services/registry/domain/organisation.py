"""Organisations of every kind: registering, reviewing, updating, and what each viewer may see.

Lifecycle: an operator's registration is verified at once; a self-registration (a citizen key,
the group's future representative) is *pending* until an operator verifies or rejects it with a
reason. Verified organisations get an organisation key from an operator (POST /api/v1/api-keys
with role=organisation and subject_id=<organisation id>); that key is "the representative".
"""
from dataclasses import dataclass, field, replace
from datetime import datetime

from services.common.errors import INVALID_INPUT, ValidationFailed
from services.registry.contract.vocabulary import (CONTACT_CHANNELS, KINDS, LEGAL_FORMS,
                                                   VISIBILITIES)
from services.registry.domain.city_profile import CityProfile
from services.registry.domain.events import (OrganisationRegistered, OrganisationRejected,
                                             OrganisationUpdated, OrganisationVerified)
from services.registry.domain.kana import is_reading, to_katakana_reading

# Keys of these roles see what organisations show their members (会員のみ).
MEMBER_ROLES = ("organisation", "partner")


@dataclass(frozen=True)
class Contact:
    channel: str
    value: str
    visibility: str = "public"
    label: str = ""


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
    town: str = ""
    founded_year: int | None = None
    member_count: int | None = None
    members_in_city: int | None = None
    contacts: list[Contact] = field(default_factory=list)
    legal_form: str = "none"
    social_business: bool = False
    business_activity: str = ""
    status_reason: str = ""  # operators and the organisation itself only
    registered_by: str = ""  # recipient id of the key that registered it; operators only
    updated_at: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    # --- review (operators only; the use cases check the actor) ---------------------------------

    def verify(self, now: datetime) -> bool:
        """False when already verified (a retry changes nothing)."""
        if self.status == "verified":
            return False
        self.status, self.status_reason, self.updated_at = "verified", "", now
        self.events.append(OrganisationVerified(organisation_id=self.id))
        return True

    def reject(self, reason: str, now: datetime) -> bool:
        reason = reason.strip()
        if not reason:
            raise ValidationFailed(INVALID_INPUT, {"reason": [
                "却下の理由を入力してください / a reason is required"]})
        if self.status == "rejected":
            return False
        self.status, self.status_reason, self.updated_at = "rejected", reason, now
        self.events.append(OrganisationRejected(organisation_id=self.id))
        return True

    # --- profile -------------------------------------------------------------------------------

    def update(self, changes: dict, now: datetime, city: CityProfile) -> bool:
        """Apply the given profile changes (already authorised); False when nothing changed."""
        candidate = replace(self, **changes, events=[])
        checked = _checked(candidate, city)
        if all(getattr(checked, name) == getattr(self, name) for name in changes):
            return False
        for name in changes:
            setattr(self, name, getattr(checked, name))
        self.updated_at = now
        self.events.append(OrganisationUpdated(
            organisation_id=self.id, kind=self.kind, region=self.region, fields=list(self.fields),
            status=self.status, founded_year=self.founded_year, legal_form=self.legal_form))
        return True

    def is_owned_by(self, recipient_id: str) -> bool:
        return recipient_id == f"organisation:{self.id}"


def register(*, organisation_id: str, name: str, name_kana: str, kind: str, region: str,
             fields: list[str], description: str, verified: bool, now: datetime,
             city: CityProfile, registered_by: str = "", **profile) -> Organisation:
    """A new organisation; one an operator registers is verified at once."""
    organisation = _checked(Organisation(
        id=organisation_id, name=name, name_kana=name_kana, kind=kind, region=region,
        fields=list(fields), description=description, status="verified" if verified else "pending",
        registered_at=now, registered_by=registered_by, updated_at=now, **profile), city)
    organisation.events.append(OrganisationRegistered(
        organisation_id=organisation.id, kind=organisation.kind, region=organisation.region,
        fields=list(organisation.fields), status=organisation.status,
        founded_year=organisation.founded_year, legal_form=organisation.legal_form))
    return organisation


def _checked(o: Organisation, city: CityProfile) -> Organisation:
    """The organisation in its stored form, or ValidationFailed naming every bad field."""
    name = " ".join(o.name.split())
    reading = to_katakana_reading(o.name_kana)
    town = " ".join(o.town.split())
    problems: dict[str, list[str]] = {}
    if not name:
        problems["name"] = ["団体名を入力してください / name is required"]
    if not is_reading(reading):
        problems["name_kana"] = ["フリガナはカタカナかひらがなで入力してください / "
                                 "the reading must be kana"]
    if o.kind not in KINDS:
        problems["kind"] = [f"種別が不正です / unknown kind (one of {', '.join(KINDS)})"]
    if not city.has_region(o.region):
        problems["region"] = [city.unknown_region(o.region)]
    elif town and not city.has_town(o.region, town):
        problems["town"] = [f"この地域に該当する町名がありません / unknown town in {o.region}: {town}"]
    if not o.fields:
        problems["fields"] = ["活動分野を1つ以上選んでください / choose at least one field"]
    unknown = city.unknown_fields(o.fields)
    if unknown:
        problems["fields"] = [city.unknown_fields_message(unknown)]
    if o.legal_form not in LEGAL_FORMS:
        problems["legal_form"] = [f"法人格が不正です / unknown legal form (one of "
                                  f"{', '.join(LEGAL_FORMS)})"]
    this_year = (o.updated_at or o.registered_at).year
    if o.founded_year is not None and not 1868 <= o.founded_year <= this_year:
        problems["founded_year"] = [f"設立年は1868〜{this_year}年で入力してください / "
                                    f"founded year must be 1868–{this_year}"]
    for name_, value in (("member_count", o.member_count), ("members_in_city", o.members_in_city)):
        if value is not None and value < 0:
            problems[name_] = ["0以上で入力してください / must not be negative"]
    if (o.member_count is not None and o.members_in_city is not None
            and o.members_in_city > o.member_count):
        problems["members_in_city"] = ["市内在住の会員数は会員数以下です / "
                                       "members in the city cannot exceed the member count"]
    contacts = [c if isinstance(c, Contact) else Contact(**c) for c in o.contacts]
    for index, contact in enumerate(contacts):
        if contact.channel not in CONTACT_CHANNELS:
            problems[f"contacts.{index}.channel"] = [
                f"連絡手段が不正です / unknown channel (one of {', '.join(CONTACT_CHANNELS)})"]
        if contact.visibility not in VISIBILITIES:
            problems[f"contacts.{index}.visibility"] = [
                f"公開範囲が不正です / unknown visibility (one of {', '.join(VISIBILITIES)})"]
        if not contact.value.strip():
            problems[f"contacts.{index}.value"] = ["連絡先を入力してください / value is required"]
    if problems:
        raise ValidationFailed(INVALID_INPUT, problems)
    return replace(o, name=name, name_kana=reading, town=town,
                   fields=list(dict.fromkeys(o.fields)), description=o.description.strip(),
                   business_activity=o.business_activity.strip(),
                   contacts=[replace(c, value=c.value.strip(), label=c.label.strip())
                             for c in contacts], events=o.events)


# --- what a viewer may see ------------------------------------------------------------------------

def audience(organisation: Organisation, role: str, recipient_id: str) -> str:
    """operator, owner (the organisation's own key, or the key that self-registered it),
    member (another organisation or partner key), or public."""
    if role == "operator":
        return "operator"
    if organisation.is_owned_by(recipient_id) or (
            organisation.registered_by and recipient_id == organisation.registered_by):
        return "owner"
    return "member" if role in MEMBER_ROLES else "public"


_SEES = {"operator": set(VISIBILITIES), "owner": set(VISIBILITIES),
         "member": {"public", "members"}, "public": {"public"}}


def may_see(organisation: Organisation, viewer: str) -> bool:
    """Only verified organisations are in the directory; the rest only for operators and owners."""
    return organisation.status == "verified" or viewer in ("operator", "owner")


def view_for(organisation: Organisation, viewer: str) -> Organisation:
    """A copy holding only what `viewer` may see: contacts by visibility; review notes and who
    registered it for operators (the reason for the organisation itself too)."""
    seen = _SEES[viewer]
    return replace(
        organisation, events=[],
        contacts=[c for c in organisation.contacts if c.visibility in seen],
        status_reason=organisation.status_reason if viewer in ("operator", "owner") else "",
        registered_by=organisation.registered_by if viewer == "operator" else "")
