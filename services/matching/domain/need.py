"""Needs organisations post, and the rules for posting one."""
from dataclasses import dataclass, field
from datetime import datetime

from services.common.errors import invalid
from services.matching.domain.events import NeedPosted

NEED_KINDS = ("volunteer_shift", "skilled_task", "lecturer_dispatch", "event_helper")


@dataclass(frozen=True)
class KnownOrganisation:
    """What matching keeps of an organisation, from registry's events."""
    organisation_id: str
    region: str
    fields: list[str]
    status: str


@dataclass
class Need:
    id: str
    organisation_id: str
    title: str
    description: str
    kind: str
    region: str
    fields: list[str]
    slots: int
    status: str
    posted_at: datetime
    events: list = field(default_factory=list, repr=False, compare=False)


def post(*, need_id: str, organisation: KnownOrganisation | None, organisation_id: str,
         title: str, description: str, kind: str, region: str | None, slots: int,
         now: datetime) -> Need:
    """A need of a known, not rejected organisation; region and fields default to its own."""
    if organisation is None:
        raise invalid(organisation_id=f"登録されていない団体です / unknown organisation: {organisation_id}")
    if organisation.status == "rejected":
        raise invalid(organisation_id="登録が却下された団体です / the organisation was rejected")
    title = " ".join(title.split())
    if not title:
        raise invalid(title="件名を入力してください / title is required")
    need = Need(id=need_id, organisation_id=organisation.organisation_id, title=title,
                description=description.strip(), kind=kind, region=region or organisation.region,
                fields=list(organisation.fields), slots=slots, status="open", posted_at=now)
    need.events.append(NeedPosted(
        need_id=need.id, organisation_id=need.organisation_id, title=need.title, kind=need.kind,
        region=need.region, fields=need.fields, slots=need.slots))
    return need
