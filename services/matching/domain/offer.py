"""CSR offers a business partner posts: staff time with skills, goods, money, a venue, expertise."""
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from services.common.errors import invalid
from services.matching.domain.events import OfferPosted, OfferUpdated

WITH_SKILLS = ("staff_time", "expertise")


@dataclass
class Offer:
    id: str
    organisation_id: str
    kind: str
    title: str
    description: str
    skills: dict[str, int]
    fields: list[str]
    quantity: float
    unit: str
    regions: list[str]
    online: bool
    starts: date
    ends: date
    status: str
    posted_at: datetime
    updated_at: datetime
    events: list = field(default_factory=list, repr=False, compare=False)


def _checked(offer: Offer) -> Offer:
    errors = {}
    if not " ".join(offer.title.split()):
        errors["title"] = "件名を入力してください / title is required"
    if offer.starts > offer.ends:
        errors["ends"] = "終了日は開始日以降にしてください / ends must not be before starts"
    if not offer.regions and not offer.online:
        errors["regions"] = "提供できる地域かオンラインを指定してください / name regions, or online"
    if offer.skills and offer.kind not in WITH_SKILLS:
        errors["skills"] = ("スキルは人材・専門知識の提供にのみ指定できます / skills belong to staff_time "
                            "and expertise offers")
    if offer.quantity <= 0:
        errors["quantity"] = "数量は0より大きくしてください / quantity must be above 0"
    if errors:
        raise invalid(**errors)
    return offer


def _facts(offer: Offer) -> dict:
    return {"offer_id": offer.id, "organisation_id": offer.organisation_id, "kind": offer.kind,
            "regions": sorted(offer.regions), "fields": sorted(offer.fields), "online": offer.online,
            "starts": offer.starts.isoformat(), "ends": offer.ends.isoformat(), "status": offer.status,
            "quantity": float(offer.quantity), "unit": offer.unit}


def post(offer: Offer, organisation) -> Offer:
    """An offer of a known business partner that registry has not rejected."""
    if organisation is None:
        raise invalid(organisation_id=f"登録されていない事業者です / unknown organisation: {offer.organisation_id}")
    if organisation.kind not in (None, "business"):
        raise invalid(organisation_id="CSRの提供は事業者のみです / only businesses post CSR offers")
    if organisation.status == "rejected":
        raise invalid(organisation_id="登録が却下された事業者です / the organisation was rejected")
    offer = _checked(replace(offer, title=" ".join(offer.title.split()), description=offer.description.strip()))
    offer.events.append(OfferPosted(**_facts(offer)))
    return offer


def update(current: Offer, changes: dict, now: datetime) -> Offer:
    allowed = {k: v for k, v in changes.items() if k not in ("id", "organisation_id", "kind", "posted_at")}
    updated = _checked(replace(current, **allowed, updated_at=now, events=[]))
    updated.events.append(OfferUpdated(**_facts(updated), changed=sorted(allowed)))
    return updated
