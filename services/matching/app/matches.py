"""The match lifecycle: propose (invite / apply), accept or waitlist, confirm (contact released),
log and approve hours, feedback; decline, withdraw, expire; waitlist promotion."""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, NotFound, invalid
from services.common.pagination import Page, page_of
from services.matching.app import need_slots
from services.matching.app.ports import MatchFilter, MatchingUnitOfWork
from services.matching.app.recommendations import RankingContext
from services.matching.domain import match as matches
from services.matching.domain.match import OPERATOR, ORGANISATION, TALENT, Match, RelayedMessage
from services.matching.domain.ranking.pairwise import ineligibility, score_pair
from services.matching.domain.ranking.weights import CURRENT_WEIGHTS

log = logging.getLogger(__name__)

PROPOSAL_LIFETIME = timedelta(days=14)

INELIGIBLE_MESSAGES = {
    "missing_required_skill": "必須スキルが足りません / a required skill is missing or below its level",
    "monthly_hours_reached": "今月の活動時間の上限に達しています / the monthly hours are used up",
    "no_schedule_overlap": "日程が合いません / no overlap with the need's schedule",
}


@dataclass(frozen=True)
class ProposeMatch:
    match_id: str
    need_id: str
    talent_id: str | None = None


@dataclass(frozen=True)
class MatchView:
    """A match as its reader may see it: contact only for a released match."""
    match: Match
    contact: object | None


def side_of(actor: Actor, match: Match) -> str:
    if actor.is_operator:
        return OPERATOR
    if actor.role == "citizen" and actor.subject_id == match.talent_id:
        return TALENT
    if actor.role == "organisation" and actor.subject_id == match.organisation_id:
        return ORGANISATION
    raise Forbidden("この件の当事者ではありません / you are not a party to this match")


def propose_match(uow: MatchingUnitOfWork, actor: Actor, command: ProposeMatch) -> Match:
    now = datetime.now(timezone.utc)
    with uow:
        existing = uow.matches.get(command.match_id)
        if existing is not None:
            return existing  # a retried request
        need = uow.needs.get(command.need_id)
        if need is None:
            raise invalid(need_id=f"募集がありません / unknown need {command.need_id}")
        if actor.role == "citizen":
            if command.talent_id and command.talent_id != actor.subject_id:
                raise Forbidden("本人としてのみ応募できます / you may apply only as yourself")
            talent_id, proposed_by = actor.subject_id, TALENT
        elif actor.role == "organisation":
            if actor.subject_id != need.organisation_id:
                raise Forbidden("自分の団体の募集にのみ招待できます / you may invite only to your own needs")
            talent_id, proposed_by = command.talent_id, ORGANISATION
        elif actor.is_operator:
            talent_id, proposed_by = command.talent_id, OPERATOR
        else:
            raise Forbidden("応募・招待できるのは本人、団体、運営者です / only people, organisations and operators propose matches")
        if not talent_id:
            raise invalid(talent_id="招待する人を指定してください / name the talent to invite")
        talent = uow.talents.get(talent_id)
        if talent is None:
            raise invalid(talent_id=f"プロフィールがありません / unknown talent {talent_id}")
        if uow.matches.active_for_pair(need.id, talent_id) is not None:
            raise Conflict("この募集との件が既に進行中です / a match for this need and person is already active")
        context = RankingContext(uow, now)
        profile, need_profile = context.profile(talent), need.profile()
        reason = ineligibility(need_profile, profile)
        if reason is not None:
            raise invalid(talent_id=INELIGIBLE_MESSAGES[str(reason)])
        scored = score_pair(need_profile, profile, CURRENT_WEIGHTS, context.exposure)
        match = matches.propose(match_id=command.match_id, need=need, talent_id=talent_id,
                                proposed_by=proposed_by, score=scored.score,
                                weights_version=scored.weights_version, now=now)
        uow.matches.add(match)
        uow.commit()
        return match


def _match_for(uow: MatchingUnitOfWork, match_id: str) -> Match:
    match = uow.matches.get(match_id, for_update=True)
    if match is None:
        raise NotFound(f"マッチがありません / no match {match_id}")
    return match


def promote_waitlist(uow: MatchingUnitOfWork, need_id: str, now: datetime) -> None:
    """Fill freed slots from the waitlist, oldest first, each slot taken by the database."""
    for waiting in uow.matches.waitlisted_for(need_id):
        if not need_slots.take_slot(uow, need_id):
            break
        waiting.promote(now)
        uow.matches.save(waiting)


def _act(uow: MatchingUnitOfWork, actor: Actor, match_id: str, change) -> MatchView:
    now = datetime.now(timezone.utc)
    with uow:
        match = _match_for(uow, match_id)
        side = side_of(actor, match)
        freed = change(uow, match, side, now)
        # Saved before the promotions: its events go out before theirs.
        uow.matches.save(match)
        if freed:
            promote_waitlist(uow, match.need_id, now)
        uow.commit()
        return _view(uow, match, side)


def accept(uow: MatchingUnitOfWork, actor: Actor, match_id: str) -> MatchView:
    def change(uow, match, side, now):
        if match.status == matches.PROPOSED and side in (match.answering_side, OPERATOR):
            taken = need_slots.take_slot(uow, match.need_id)  # a conditional UPDATE: never over-filled
        else:
            taken = False
        match.accept(side, taken, now)
    return _act(uow, actor, match_id, change)


def confirm(uow: MatchingUnitOfWork, actor: Actor, match_id: str) -> MatchView:
    return _act(uow, actor, match_id, lambda uow, m, side, now: m.confirm(side, now))


def decline(uow: MatchingUnitOfWork, actor: Actor, match_id: str) -> MatchView:
    return _act(uow, actor, match_id, lambda uow, m, side, now: m.decline(side, now))


def withdraw(uow: MatchingUnitOfWork, actor: Actor, match_id: str) -> MatchView:
    def change(uow, match, side, now):
        freed = match.withdraw(side, now)
        if freed:
            need_slots.release_slot(uow, match.need_id)
        return freed
    return _act(uow, actor, match_id, change)


def log_hours(uow: MatchingUnitOfWork, actor: Actor, match_id: str, hours: float) -> MatchView:
    return _act(uow, actor, match_id, lambda uow, m, side, now: m.log_hours(side, hours, now))


def approve_hours(uow: MatchingUnitOfWork, actor: Actor, match_id: str, people_reached: int = 0) -> MatchView:
    return _act(uow, actor, match_id, lambda uow, m, side, now: m.approve_hours(side, now, people_reached))


def give_feedback(uow: MatchingUnitOfWork, actor: Actor, match_id: str, rating: int, comment: str) -> MatchView:
    return _act(uow, actor, match_id,
                lambda uow, m, side, now: m.give_feedback(side, rating, comment, now))


def expire_stale(uow: MatchingUnitOfWork, actor: Actor | None, older_than: timedelta = PROPOSAL_LIFETIME,
                 now: datetime | None = None) -> int:
    """Proposals nobody answered in time expire (an operator, or the service's timer)."""
    if actor is not None and not actor.is_operator:
        raise Forbidden("運営者のみ / operators only")
    now = now or datetime.now(timezone.utc)
    with uow:
        stale = uow.matches.stale(now - older_than)
        for match in stale:
            match.expire(now)
            uow.matches.save(match)
        uow.commit()
    return len(stale)


def _view(uow: MatchingUnitOfWork, match: Match, side: str) -> MatchView:
    contact = None
    if match.contact_released and side in (ORGANISATION, OPERATOR):
        talent = uow.talents.get(match.talent_id)
        contact = talent.contact if talent else None
    return MatchView(match, contact)


def get_match(uow: MatchingUnitOfWork, actor: Actor, match_id: str) -> MatchView:
    with uow:
        match = uow.matches.get(match_id)
        if match is None:
            raise NotFound(f"マッチがありません / no match {match_id}")
        return _view(uow, match, side_of(actor, match))


def list_matches(uow: MatchingUnitOfWork, actor: Actor, query: MatchFilter) -> Page:
    if actor.role == "citizen":
        query = MatchFilter(**{**query.__dict__, "talent_id": actor.subject_id})
    elif actor.role == "organisation":
        query = MatchFilter(**{**query.__dict__, "organisation_id": actor.subject_id})
    elif not actor.is_operator:
        raise Forbidden("当事者と運営者のみ / parties and operators only")
    with uow:
        found = [MatchView(m, None) for m in uow.matches.list(query)]
    return page_of(found, query.limit, lambda v: [v.match.created_at.isoformat(), v.match.id])


def send_message(uow: MatchingUnitOfWork, actor: Actor, match_id: str, message_id: str,
                 body: str) -> RelayedMessage:
    now = datetime.now(timezone.utc)
    with uow:
        existing = uow.match_messages.get(message_id)
        if existing is not None:
            return existing  # a retried request
        match = _match_for(uow, match_id)
        message = matches.relay_message(match, message_id, side_of(actor, match), body, now)
        uow.match_messages.add(message)
        uow.commit()
        return message


def list_messages(uow: MatchingUnitOfWork, actor: Actor, match_id: str) -> list[RelayedMessage]:
    with uow:
        match = uow.matches.get(match_id)
        if match is None:
            raise NotFound(f"マッチがありません / no match {match_id}")
        if side_of(actor, match) == OPERATOR:
            log.info("audit: operator read relayed messages",
                     extra={"audit": True, "key_id": actor.key_id, "match_id": match_id})
        return uow.match_messages.for_match(match_id)
