"""CSR offers: a business partner posts and edits its own; offers and needs are matched both ways."""
from dataclasses import dataclass
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, invalid
from services.common.pagination import Page, page_of
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.contract.vocabulary import OFFER_FULFILLED
from services.matching.domain import offer as offers
from services.matching.domain.offer import Offer
from services.matching.domain.offer_fulfilment import Fulfilment, Gift, fulfil
from services.matching.domain.ranking.offers import OfferMatch, rank_needs_for_offer, rank_offers_for_need


_CITY_TIME = ZoneInfo("Asia/Tokyo")  # a gift's default day is the city's calendar day


@dataclass(frozen=True)
class OfferListQuery:
    organisation_id: str | None = None
    after: list | None = None
    limit: int = 50


@dataclass(frozen=True)
class RankedNeed:
    match: OfferMatch
    need: object


@dataclass(frozen=True)
class RankedOffer:
    match: OfferMatch
    offer: Offer


def post_offer(uow: MatchingUnitOfWork, actor: Actor, request_id: str, organisation_id: str | None,
               details: dict) -> Offer:
    if actor.role == "partner":
        if organisation_id and organisation_id != actor.subject_id:
            raise Forbidden("自社の提供のみ登録できます / you may post offers only for your own business")
        organisation_id = actor.subject_id
    elif not actor.is_operator:
        raise Forbidden("CSRの提供を登録できるのは事業者と運営者です / only partners and operators post offers")
    if not organisation_id:
        raise invalid(organisation_id="事業者を指定してください / name the business")
    now = datetime.now(timezone.utc)
    with uow:
        existing = uow.offers.get(request_id)
        if existing is not None:
            return existing
        offer = offers.post(Offer(id=request_id, organisation_id=organisation_id, status="open",
                                  posted_at=now, updated_at=now, **details),
                            uow.organisations.get(organisation_id))
        uow.offers.add(offer)
        uow.commit()
        return offer


def _owned(uow: MatchingUnitOfWork, actor: Actor, offer_id: str) -> Offer:
    offer = uow.offers.get(offer_id)
    if offer is None:
        raise NotFound(f"提供がありません / no offer {offer_id}")
    if not (actor.is_operator or (actor.role == "partner" and actor.subject_id == offer.organisation_id)):
        raise Forbidden("自社の提供のみ操作できます / only the offering business and operators may do this")
    return offer


def update_offer(uow: MatchingUnitOfWork, actor: Actor, offer_id: str, changes: dict) -> Offer:
    if not changes:
        raise invalid(_schema="変更する項目がありません / nothing to change")
    with uow:
        offer = _owned(uow, actor, offer_id)
        if offer.status == OFFER_FULFILLED:
            raise Conflict("実績を記録した提供は変更できません / a fulfilled offer can no longer be edited")
        updated = offers.update(offer, changes, datetime.now(timezone.utc))
        uow.offers.save(updated)
        uow.commit()
        return updated


def fulfil_offer(uow: MatchingUnitOfWork, actor: Actor, offer_id: str, gift: Gift, city_regions: set[str],
                 now: datetime | None = None) -> Fulfilment:
    """The offering business or an operator records once what the offer gave; another
    business's offer is as if it did not exist."""
    now = now or datetime.now(timezone.utc)
    with uow:
        offer = uow.offers.get(offer_id)
        if offer is None or not (actor.is_operator or (actor.role == "partner"
                                                       and actor.subject_id == offer.organisation_id)):
            raise NotFound(f"提供がありません / no offer {offer_id}")
        need = uow.needs.get(gift.need_id) if gift.need_id else None
        fulfilled, fulfilment = fulfil(offer, gift, need, city_regions, now.astimezone(_CITY_TIME).date(), now)
        uow.offers.save(fulfilled)
        uow.fulfilments.add(fulfilment)  # once per offer, decided by the store
        uow.commit()
        return fulfilment


def get_offer(uow: MatchingUnitOfWork, offer_id: str) -> Offer:
    with uow:
        offer = uow.offers.get(offer_id)
    if offer is None:
        raise NotFound(f"提供がありません / no offer {offer_id}")
    return offer


def list_offers(uow: MatchingUnitOfWork, query: OfferListQuery) -> Page:
    with uow:
        found = uow.offers.list(query.organisation_id, query.after, query.limit)
    return page_of(found, query.limit, lambda o: [o.posted_at.isoformat(), o.id])


def needs_for_offer(uow: MatchingUnitOfWork, actor: Actor, offer_id: str, limit: int = 20,
                    today: date | None = None) -> list[RankedNeed]:
    with uow:
        offer = _owned(uow, actor, offer_id)
        open_needs = {n.id: n for n in uow.needs.open_needs()}
    ranked = rank_needs_for_offer(offer, [(n.profile(), n.kind) for n in open_needs.values()],
                                  today or date.today(), limit)
    return [RankedNeed(m, open_needs[m.need_id]) for m in ranked]


def offers_for_need(uow: MatchingUnitOfWork, actor: Actor, need_id: str, limit: int = 20,
                    today: date | None = None) -> list[RankedOffer]:
    with uow:
        need = uow.needs.get(need_id)
        if need is None:
            raise NotFound(f"募集がありません / no need {need_id}")
        if not (actor.is_operator or (actor.role == "organisation" and actor.subject_id == need.organisation_id)):
            raise Forbidden("募集した団体と運営者のみ / only the need's organisation and operators")
        open_offers = {o.id: o for o in uow.offers.open_offers()}
    ranked = rank_offers_for_need(need.profile(), need.kind, list(open_offers.values()), today or date.today(), limit)
    return [RankedOffer(m, open_offers[m.offer_id]) for m in ranked]
