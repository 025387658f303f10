"""Consultations (相談) at the support center (P1.1.1): who asked (an organisation, a person, or
anonymous), how, about what, who coordinates, and where it stands. Operators only.

Status machine: open → in_progress → referred / resolved → closed (open may be resolved or
referred at once; a referred case may still be resolved). Notes, names of people and follow-up
texts stay in registry; events carry ids, codes and dates.
"""
from dataclasses import dataclass, field
from datetime import datetime

from services.common.errors import INVALID_INPUT, Conflict, ValidationFailed
from services.registry.contract.vocabulary import CONSULTATION_CHANNELS, CONSULTATION_TOPICS
from services.registry.domain.events import (ConsultationFollowedUp, ConsultationOpened,
                                             ConsultationReferred, ConsultationStatusChanged)

TRANSITIONS = {
    "open": {"in_progress", "referred", "resolved"},
    "in_progress": {"referred", "resolved"},
    "referred": {"resolved", "closed"},
    "resolved": {"closed"},
    "closed": set(),
}


@dataclass(frozen=True)
class FollowUp:
    at: datetime
    note: str
    by: str


@dataclass(frozen=True)
class Referral:
    organisation_id: str
    note: str
    at: datetime


@dataclass
class Consultation:
    id: str
    channel: str
    topics: list[str]
    status: str
    opened_at: datetime
    organisation_id: str | None = None
    person: str = ""  # free text (a name or "匿名"); operators only
    notes: str = ""
    coordinator: str = ""
    follow_ups: list[FollowUp] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    updated_at: datetime | None = None
    events: list = field(default_factory=list, repr=False, compare=False)

    def move_to(self, status: str, now: datetime) -> bool:
        if status == self.status:
            return False
        if status not in TRANSITIONS.get(self.status, set()):
            raise Conflict(f"{self.status} から {status} には変更できません / cannot go from "
                           f"{self.status} to {status}")
        self.status, self.updated_at = status, now
        self.events.append(ConsultationStatusChanged(
            consultation_id=self.id, status=status, topics=list(self.topics),
            changed_at=now.isoformat()))
        return True

    def assign(self, coordinator: str, now: datetime) -> None:
        self.coordinator, self.updated_at = coordinator.strip(), now

    def follow_up(self, note: str, by: str, now: datetime) -> None:
        if not note.strip():
            raise ValidationFailed(INVALID_INPUT, {"note": ["内容を入力してください / note is "
                                                            "required"]})
        if self.status == "closed":
            raise Conflict("終了した相談です / the consultation is closed")
        self.follow_ups.append(FollowUp(now, note.strip(), by))
        self.updated_at = now
        self.events.append(ConsultationFollowedUp(consultation_id=self.id,
                                                  followed_up_at=now.isoformat()))

    def refer(self, organisation_id: str, note: str, now: datetime) -> None:
        if self.status not in ("open", "in_progress", "referred"):
            raise Conflict(f"{self.status} の相談は紹介できません / cannot refer a {self.status} "
                           f"consultation")
        self.referrals.append(Referral(organisation_id, note.strip(), now))
        self.events.append(ConsultationReferred(consultation_id=self.id,
                                                organisation_id=organisation_id,
                                                referred_at=now.isoformat()))
        self.move_to("referred", now)
        self.updated_at = now


def open_consultation(*, consultation_id: str, channel: str, topics: list[str],
                      organisation_id: str | None, person: str, notes: str, coordinator: str,
                      now: datetime) -> Consultation:
    problems = {}
    if channel not in CONSULTATION_CHANNELS:
        problems["channel"] = ["受付方法が不正です / channel one of "
                               f"{', '.join(CONSULTATION_CHANNELS)}"]
    unknown = [t for t in topics if t not in CONSULTATION_TOPICS]
    if not topics or unknown:
        problems["topics"] = ["相談分野を選んでください / topics from "
                              f"{', '.join(CONSULTATION_TOPICS)}"]
    if problems:
        raise ValidationFailed(INVALID_INPUT, problems)
    consultation = Consultation(
        id=consultation_id, channel=channel, topics=list(dict.fromkeys(topics)), status="open",
        opened_at=now, organisation_id=organisation_id, person=person.strip(),
        notes=notes.strip(), coordinator=coordinator.strip(), updated_at=now)
    consultation.events.append(ConsultationOpened(
        consultation_id=consultation.id, organisation_id=organisation_id, channel=channel,
        topics=list(consultation.topics), opened_at=now.isoformat()))
    return consultation
