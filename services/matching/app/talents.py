"""Talent profiles: a citizen creates and updates their own; operators may read them (audited); a
business reads the profiles of the staff who accepted its invitation (staff_invitations.py)."""
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, invalid
from services.common.pagination import Page, page_of
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.domain import talent as talents
from services.matching.domain.offer import WITH_SKILLS
from services.matching.domain.talent import Talent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TalentListQuery:
    after: list | None = None
    limit: int = 50


_STAFF_BY_INVITATION = ("社員としての登録は事業者の招待を本人が承諾して行います（POST /api/v1/staff-invitations） / "
                        "a business's staff join by accepting its invitation (POST /api/v1/staff-invitations)")


def _talent_id_for(actor: Actor, requested: str | None, request_id: str) -> str:
    """A citizen creates its own profile (its key's subject); an operator registers anyone."""
    if actor.role == "citizen":
        if not actor.subject_id:
            raise Forbidden("この API キーには本人の ID がありません / this key names no person")
        try:
            uuid.UUID(actor.subject_id)
        except ValueError as exc:
            raise invalid(talent_id="キーの本人IDがUUIDではありません / the key's subject id is not a UUID") from exc
        if requested and requested != actor.subject_id:
            raise Forbidden("自分のプロフィールのみ作成できます / you may create only your own profile")
        return actor.subject_id
    if actor.is_operator:
        return requested or request_id
    if actor.role == "partner":
        # A partner creating profiles could pre-empt a citizen's own: staff come by invitation.
        raise Forbidden(f"事業者は人材プロフィールを作成できません。{_STAFF_BY_INVITATION}")
    raise Forbidden("プロフィールを作成できるのは本人と運営者です / only the person or an operator creates a profile")


def _check_offer(uow: MatchingUnitOfWork, actor: Actor, profile: dict) -> dict:
    """Only an operator (acting on the business's and the person's written consent) names the
    offer directly; everyone else becomes a business's staff by accepting its invitation."""
    offer_id = profile.get("offer_id")
    if not actor.is_operator:
        if offer_id:
            raise invalid(offer_id=_STAFF_BY_INVITATION)
        if profile.get("origin") == "business_staff":
            raise invalid(origin=_STAFF_BY_INVITATION)
        return profile
    if offer_id:
        offer = uow.offers.get(offer_id)
        if offer is None or offer.kind not in WITH_SKILLS:
            raise invalid(offer_id="人材・専門知識のCSR提供ではありません / not a staff-time or expertise offer")
        profile = {**profile, "origin": "business_staff"}
    return profile


def create_talent(uow: MatchingUnitOfWork, actor: Actor, request_id: str, talent_id: str | None,
                  profile: dict) -> Talent:
    talent_id = _talent_id_for(actor, talent_id, request_id)
    now = datetime.now(timezone.utc)
    with uow:
        existing = uow.talents.get(talent_id)
        if existing is not None:
            if existing.created_by_request == request_id:
                return existing  # a retried request
            raise Conflict("このプロフィールは既にあります。更新は PATCH で / the profile exists: update it with PATCH")
        profile = _check_offer(uow, actor, profile)
        talent = talents.register(Talent(id=talent_id, created_at=now, updated_at=now, **profile))
        talent.created_by_request = request_id
        uow.talents.add(talent)
        uow.commit()
        return talent


def _offered_by(uow: MatchingUnitOfWork, actor: Actor, talent: Talent | None) -> bool:
    if actor.role != "partner" or talent is None or not talent.offer_id:
        return False
    offer = uow.offers.get(talent.offer_id)
    return offer is not None and offer.organisation_id == actor.subject_id


def _readable(uow: MatchingUnitOfWork, actor: Actor, talent_id: str) -> Talent:
    talent = uow.talents.get(talent_id)
    if not (actor.is_operator or (actor.role == "citizen" and actor.subject_id == talent_id)
            or _offered_by(uow, actor, talent)):
        raise Forbidden("本人、提供元の事業者と運営者のみ閲覧できます / only the person, the business offering "
                        "them and operators may see a profile")
    if talent is None:
        raise NotFound(f"プロフィールがありません / no talent {talent_id}")
    if actor.is_operator:
        # Personal data read by an operator: audit-logged (DESIGN.md, personal data).
        log.info("audit: operator read a talent profile",
                 extra={"audit": True, "key_id": actor.key_id, "talent_id": talent_id})
    return talent


def get_talent(uow: MatchingUnitOfWork, actor: Actor, talent_id: str) -> Talent:
    with uow:
        return _readable(uow, actor, talent_id)


def update_talent(uow: MatchingUnitOfWork, actor: Actor, talent_id: str, changes: dict) -> Talent:
    if not changes:
        raise invalid(_schema="変更する項目がありません / nothing to change")
    if actor.role == "partner":
        raise Forbidden("プロフィールを更新できるのは本人と運営者です / only the person or an operator updates a profile")
    with uow:
        current = _readable(uow, actor, talent_id)
        updated = talents.update(current, changes, datetime.now(timezone.utc))
        uow.talents.save(updated)
        uow.commit()
        return updated


def list_talents(uow: MatchingUnitOfWork, actor: Actor, query: TalentListQuery) -> Page:
    if not actor.is_operator:
        raise Forbidden("一覧は運営者のみ / only operators list talents")
    with uow:
        found = uow.talents.list(query.after, query.limit)
    log.info("audit: operator listed talent profiles",
             extra={"audit": True, "key_id": actor.key_id, "count": len(found)})
    return page_of(found, query.limit, lambda t: [t.created_at.isoformat(), t.id])
