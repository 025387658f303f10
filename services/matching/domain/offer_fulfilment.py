"""What an offer gave, recorded once by its business or an operator: the quantity, its value in
yen and the basis of that value, and the need (so the organisation and region) it answered."""
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from services.common.errors import Conflict, invalid
from services.matching.contract.vocabulary import MONEY_BASIS, OFFER_FULFILLED, VALUE_BASES
from services.matching.domain.events import OfferFulfilled
from services.matching.domain.need import Need
from services.matching.domain.offer import Offer


@dataclass(frozen=True)
class Gift:
    """What the request states; the rules below decide whether it may be recorded."""
    quantity: float
    value_yen: int
    value_basis: str
    need_id: str | None = None
    people_reached: int = 0
    fulfilled_on: date | None = None


@dataclass
class Fulfilment:
    offer_id: str
    organisation_id: str  # the business whose offer it was
    kind: str
    quantity: float
    unit: str
    value_yen: int
    value_basis: str
    need_id: str | None
    recipient_id: str | None  # the organisation that posted the need
    region: str | None  # the need's region
    people_reached: int
    fulfilled_on: date
    recorded_at: datetime
    events: list = field(default_factory=list, repr=False, compare=False)


def fulfil(offer: Offer, gift: Gift, need: Need | None, city_regions: set[str],
           today: date, now: datetime) -> tuple[Offer, Fulfilment]:
    """The offer, now fulfilled, and its fulfilment with the event that announces it."""
    if offer.status == OFFER_FULFILLED:
        raise Conflict("この提供の実績は記録済みです / this offer's fulfilment was already recorded")
    _check(offer, gift, need, city_regions, today)
    fulfilment = Fulfilment(
        offer_id=offer.id, organisation_id=offer.organisation_id, kind=offer.kind, quantity=float(gift.quantity),
        unit=offer.unit, value_yen=int(gift.value_yen), value_basis=gift.value_basis,
        need_id=need.id if need else None, recipient_id=need.organisation_id if need else None,
        region=need.region if need else None, people_reached=int(gift.people_reached),
        fulfilled_on=gift.fulfilled_on or today, recorded_at=now)
    fulfilment.events.append(OfferFulfilled(
        offer_id=offer.id, organisation_id=offer.organisation_id, kind=offer.kind,
        quantity=fulfilment.quantity, unit=offer.unit, value_yen=fulfilment.value_yen,
        value_basis=fulfilment.value_basis, need_id=fulfilment.need_id,
        recipient_organisation_id=fulfilment.recipient_id, region=fulfilment.region,
        people_reached=fulfilment.people_reached, fulfilled_on=fulfilment.fulfilled_on.isoformat()))
    return replace(offer, status=OFFER_FULFILLED, updated_at=now, events=[]), fulfilment


def _check(offer: Offer, gift: Gift, need: Need | None, city_regions: set[str], today: date) -> None:
    errors = {}
    if not 0 < gift.quantity <= offer.quantity:
        errors["quantity"] = (f"数量は0より大きく、提供した数量（{offer.quantity:g}{offer.unit}）以下です / "
                              f"quantity must be above 0 and at most the {offer.quantity:g} offered")
    if gift.value_yen < 0:
        errors["value_yen"] = "金額は0円以上です / value_yen must not be negative"
    if gift.value_basis not in VALUE_BASES:
        errors["value_basis"] = f"価値の根拠は {', '.join(VALUE_BASES)} のいずれかです / unknown value basis"
    elif offer.kind == "money" and gift.value_basis != MONEY_BASIS:
        errors["value_basis"] = "寄付金は実際に渡した金額（amount_given）で記録します / money is recorded as amount_given"
    elif offer.kind != "money" and gift.value_basis == MONEY_BASIS:
        errors["value_basis"] = ("amount_given は寄付金のみです。物品などは時価・原価・時給・会場使用料で / "
                                 "amount_given is for money only; in-kind gifts state their own basis")
    if gift.need_id and need is None:
        errors["need_id"] = f"募集がありません / no need {gift.need_id}"
    elif need is not None and need.region not in city_regions:
        errors["need_id"] = "この市の募集ではありません / the need is not in this city"
    if gift.people_reached < 0:
        errors["people_reached"] = "人数は0以上です / people_reached must not be negative"
    if gift.fulfilled_on and gift.fulfilled_on > today:
        errors["fulfilled_on"] = "未来の日付は指定できません / fulfilled_on must not be in the future"
    if errors:
        raise invalid(**errors)
