"""Staff invitations: a partner invites a person (a citizen key's subject) to be offered as its
staff through one of its staff-time or expertise offers; only that person accepts or declines."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound, invalid
from services.common.pagination import Page, page_of
from services.matching.app.ports import MatchingUnitOfWork
from services.matching.domain import staff_invitation, talent as talents
from services.matching.domain.offer import WITH_SKILLS
from services.matching.contract.vocabulary import INVITATION_ACCEPTED, INVITATION_DECLINED, INVITATION_PENDING
from services.matching.domain.staff_invitation import StaffInvitation


@dataclass(frozen=True)
class InviteStaff:
    invitation_id: str
    offer_id: str
    person_id: str


@dataclass(frozen=True)
class InvitationListQuery:
    status: str | None = None
    after: list | None = None
    limit: int = 50


def invite_staff(uow: MatchingUnitOfWork, actor: Actor, command: InviteStaff) -> StaffInvitation:
    if actor.role != "partner":
        raise Forbidden("招待できるのは事業者のキーです / only a partner key invites its staff")
    with uow:
        existing = uow.staff_invitations.get(command.invitation_id)
        if existing is not None and existing.partner_id == actor.subject_id:
            return existing  # a retried request
        offer = uow.offers.get(command.offer_id)
        if offer is None or offer.organisation_id != actor.subject_id:
            raise NotFound(f"自社の提供が見つかりません / no offer {command.offer_id} of yours")
        if offer.kind not in WITH_SKILLS:
            raise invalid(offer_id="人材・専門知識のCSR提供ではありません / not a staff-time or expertise offer")
        invitation = StaffInvitation(id=command.invitation_id, offer_id=offer.id, partner_id=actor.subject_id,
                                     person_id=command.person_id, status=INVITATION_PENDING,
                                     created_at=datetime.now(timezone.utc))
        uow.staff_invitations.add(invitation)
        uow.commit()
        return invitation


def _party_to(actor: Actor, invitation: StaffInvitation | None) -> bool:
    if invitation is None:
        return False
    return (actor.is_operator or (actor.role == "partner" and actor.subject_id == invitation.partner_id)
            or (actor.role == "citizen" and actor.subject_id == invitation.person_id))


def get_invitation(uow: MatchingUnitOfWork, actor: Actor, invitation_id: str) -> StaffInvitation:
    with uow:
        invitation = uow.staff_invitations.get(invitation_id)
    if not _party_to(actor, invitation):
        raise NotFound(f"招待が見つかりません / no invitation {invitation_id}")
    return invitation


def list_invitations(uow: MatchingUnitOfWork, actor: Actor, query: InvitationListQuery) -> Page:
    """A partner sees the invitations it issued, a person those addressed to them, operators all."""
    if actor.role not in ("partner", "citizen") and not actor.is_operator:
        raise Forbidden("事業者・本人・運営者のみ / partners, the people invited and operators only")
    partner_id = actor.subject_id if actor.role == "partner" else None
    person_id = actor.subject_id if actor.role == "citizen" else None
    with uow:
        found = uow.staff_invitations.list(partner_id, person_id, query.status, query.after, query.limit)
    return page_of(found, query.limit, lambda i: [i.created_at.isoformat(), i.id])


def _own(uow: MatchingUnitOfWork, actor: Actor, invitation_id: str) -> StaffInvitation:
    invitation = uow.staff_invitations.get(invitation_id)
    if invitation is None or not (actor.role == "citizen" and actor.subject_id == invitation.person_id):
        raise NotFound(f"あなた宛ての招待が見つかりません / no invitation {invitation_id} addressed to you")
    return invitation


def accept_invitation(uow: MatchingUnitOfWork, actor: Actor, invitation_id: str) -> StaffInvitation:
    """The person consents: their own talent profile becomes the business's staff profile."""
    now = datetime.now(timezone.utc)
    with uow:
        invitation = _own(uow, actor, invitation_id)
        accepted = staff_invitation.answered(invitation, INVITATION_ACCEPTED, now)
        if accepted is invitation:
            return invitation  # a retry
        profile = uow.talents.get(invitation.person_id)
        if profile is None:
            raise invalid(invitation_id="先に人材プロフィールを登録してください（POST /api/v1/talents） / "
                                        "create your talent profile first (POST /api/v1/talents)")
        uow.talents.save(talents.join_staff(profile, invitation.offer_id, now))
        uow.staff_invitations.save(accepted)
        uow.commit()
        return accepted


def decline_invitation(uow: MatchingUnitOfWork, actor: Actor, invitation_id: str) -> StaffInvitation:
    with uow:
        invitation = _own(uow, actor, invitation_id)
        declined = staff_invitation.answered(invitation, INVITATION_DECLINED, datetime.now(timezone.utc))
        if declined is not invitation:
            uow.staff_invitations.save(declined)
            uow.commit()
        return declined

