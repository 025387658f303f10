"""A match between a talent and a need, and its lifecycle.

proposed (the organisation invites, an operator proposes, or the talent applies)
  → accepted by the other side (holds a slot) or waitlisted (the need is full)
  → confirmed by the proposing side (the talent's contact is released to the organisation)
  → hours_logged (by the talent) → completed (hours approved by the organisation) → feedback.
Or declined (by the answering side), withdrawn (by either side), expired (nobody answered).

Whether a slot is free is decided by the database (a conditional UPDATE), never here: the
caller passes the outcome in.
"""
from dataclasses import dataclass, field
from datetime import datetime

from services.common.errors import Conflict, Forbidden, invalid
from services.matching.contract.vocabulary import (ACCEPTED, COMPLETED, CONFIRMED, DECLINED, EXPIRED, HOURS_LOGGED,
                                                   MAX_HOURS_PER_MATCH, PROPOSED, WAITLISTED, WITHDRAWN)
from services.matching.domain import events as ev

HOLDS_SLOT = (ACCEPTED, CONFIRMED, HOURS_LOGGED, COMPLETED)
ACTIVE = (PROPOSED, ACCEPTED, WAITLISTED, CONFIRMED, HOURS_LOGGED)
CONTACT_RELEASED = (CONFIRMED, HOURS_LOGGED, COMPLETED)

TALENT, ORGANISATION, OPERATOR = "talent", "organisation", "operator"


@dataclass
class Match:
    id: str
    need_id: str
    talent_id: str
    organisation_id: str
    proposed_by: str  # talent | organisation | operator
    status: str
    score: float | None
    weights_version: str | None
    created_at: datetime
    updated_at: datetime
    hours: float | None = None
    feedback: dict = field(default_factory=dict)  # side → {"rating": 1–5, "comment": str}
    events: list = field(default_factory=list, repr=False, compare=False)

    @property
    def answering_side(self) -> str:
        """Who accepts or declines: the organisation when the talent applied, else the talent."""
        return ORGANISATION if self.proposed_by == TALENT else TALENT

    @property
    def confirming_side(self) -> str:
        return TALENT if self.proposed_by == TALENT else ORGANISATION

    @property
    def holds_slot(self) -> bool:
        return self.status in HOLDS_SLOT

    @property
    def contact_released(self) -> bool:
        return self.status in CONTACT_RELEASED

    def _facts(self) -> dict:
        return {"match_id": self.id, "need_id": self.need_id, "talent_id": self.talent_id,
                "organisation_id": self.organisation_id}

    def _move(self, allowed: tuple[str, ...], to: str, now: datetime) -> None:
        if self.status not in allowed:
            raise Conflict(f"状態「{self.status}」からは「{to}」にできません / "
                           f"a {self.status} match cannot become {to}")
        self.status, self.updated_at = to, now

    def _require(self, side: str, acting: str) -> None:
        if acting not in (side, OPERATOR):
            raise Forbidden(f"この操作は{'本人' if side == TALENT else '団体'}が行います / "
                            f"only the {side} side may do this")

    def accept(self, acting: str, slot_taken: bool, now: datetime) -> None:
        self._require(self.answering_side, acting)
        self._move((PROPOSED,), ACCEPTED if slot_taken else WAITLISTED, now)
        event = ev.MatchAccepted if slot_taken else ev.MatchWaitlisted
        self.events.append(event(**self._facts(), by=acting))

    def promote(self, now: datetime) -> None:
        """A slot freed up: the oldest waitlisted match takes it (the caller took the slot)."""
        self._move((WAITLISTED,), ACCEPTED, now)
        self.events.append(ev.MatchPromoted(**self._facts()))

    def confirm(self, acting: str, now: datetime) -> None:
        self._require(self.confirming_side, acting)
        self._move((ACCEPTED,), CONFIRMED, now)
        self.events.append(ev.MatchConfirmed(**self._facts(), by=acting))
        self.events.append(ev.ContactReleased(**self._facts()))

    def decline(self, acting: str, now: datetime) -> None:
        self._require(self.answering_side, acting)
        self._move((PROPOSED,), DECLINED, now)
        self.events.append(ev.MatchDeclined(**self._facts(), by=acting))

    def withdraw(self, acting: str, now: datetime) -> bool:
        """Either side steps back. True when a slot was freed."""
        freed = self.holds_slot
        self._move((PROPOSED, ACCEPTED, WAITLISTED, CONFIRMED), WITHDRAWN, now)
        self.events.append(ev.MatchWithdrawn(**self._facts(), by=acting))
        return freed

    def expire(self, now: datetime) -> None:
        self._move((PROPOSED, WAITLISTED), EXPIRED, now)
        self.events.append(ev.MatchExpired(**self._facts()))

    def log_hours(self, acting: str, hours: float, now: datetime) -> None:
        self._require(TALENT, acting)
        if not 0 < hours <= MAX_HOURS_PER_MATCH:
            raise invalid(hours=f"時間は0より大きく{MAX_HOURS_PER_MATCH:g}以下です / hours must be in (0, {MAX_HOURS_PER_MATCH:g}]")
        self._move((CONFIRMED, HOURS_LOGGED), HOURS_LOGGED, now)
        self.hours = hours
        self.events.append(ev.MatchHoursLogged(**self._facts(), hours=hours))

    def approve_hours(self, acting: str, now: datetime, people_reached: int = 0) -> None:
        """`people_reached`: how many people the activity reached, as the organisation counts them."""
        self._require(ORGANISATION, acting)
        if people_reached < 0:
            raise invalid(people_reached="人数は0以上です / people_reached must not be negative")
        self._move((HOURS_LOGGED,), COMPLETED, now)
        self.events.append(ev.MatchCompleted(**self._facts(), hours=float(self.hours or 0),
                                             completed_on=now.date().isoformat(), people_reached=people_reached))

    def give_feedback(self, acting: str, rating: int, comment: str, now: datetime) -> None:
        if acting == OPERATOR:
            raise Forbidden("評価は当事者が行います / feedback comes from the talent or the organisation")
        if self.status != COMPLETED:
            raise Conflict("評価は完了した活動にのみできます / feedback only on a completed match")
        if acting in self.feedback:
            raise Conflict("評価は一度だけです / feedback was already given")
        if not 1 <= rating <= 5:
            raise invalid(rating="評価は1〜5です / rating is 1–5")
        self.feedback = {**self.feedback, acting: {"rating": rating, "comment": comment.strip()}}
        self.updated_at = now
        self.events.append(ev.MatchFeedbackGiven(**self._facts(), by=acting, rating=rating))


MAX_MESSAGE_LENGTH = 2000


@dataclass(frozen=True)
class RelayedMessage:
    """Before confirmation the parties talk through the platform, so neither needs the other's contact."""
    id: str
    match_id: str
    by: str  # talent | organisation
    body: str
    sent_at: datetime
    # The message, not the match, carries its event: sending one changes nothing of the match.
    events: list = field(default_factory=list, repr=False, compare=False)


def relay_message(match: Match, message_id: str, acting: str, body: str, now: datetime) -> RelayedMessage:
    if acting not in (TALENT, ORGANISATION):
        raise Forbidden("メッセージは当事者のみ送れます / only the talent and the organisation send messages")
    if match.status in (DECLINED, WITHDRAWN, EXPIRED):
        raise Conflict("終了したマッチには送れません / the match has ended")
    body = body.strip()
    if not body:
        raise invalid(body="本文を入力してください / the message is empty")
    if len(body) > MAX_MESSAGE_LENGTH:
        raise invalid(body=f"{MAX_MESSAGE_LENGTH}文字以内にしてください / at most {MAX_MESSAGE_LENGTH} characters")
    message = RelayedMessage(message_id, match.id, acting, body, now)
    message.events.append(ev.MatchMessageSent(**match._facts(), message_id=message_id, by=acting))
    return message


def propose(*, match_id: str, need, talent_id: str, proposed_by: str, score: float | None,
            weights_version: str | None, now: datetime) -> Match:
    if need.status != "open":
        raise Conflict("この募集は受付を終了しています / the need is not open")
    match = Match(id=match_id, need_id=need.id, talent_id=talent_id,
                  organisation_id=need.organisation_id, proposed_by=proposed_by, status=PROPOSED,
                  score=score, weights_version=weights_version, created_at=now, updated_at=now)
    match.events.append(ev.MatchProposed(**match._facts(), proposed_by=proposed_by,
                                         score=score, weights_version=weights_version))
    return match
