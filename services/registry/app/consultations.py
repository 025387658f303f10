"""Consultations at the support center: operators only, for reading too."""
from dataclasses import dataclass
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import INVALID_INPUT, Forbidden, NotFound, ValidationFailed
from services.common.pagination import Page, page_of
from services.registry.app.ports import RegistryUnitOfWork
from services.registry.domain import consultation as consultations
from services.registry.domain.consultation import Consultation


@dataclass(frozen=True)
class OpenConsultation:
    consultation_id: str
    channel: str
    topics: list[str]
    organisation_id: str | None = None
    person: str = ""
    notes: str = ""
    coordinator: str = ""


@dataclass(frozen=True)
class ChangeStatus:
    consultation_id: str
    status: str
    coordinator: str | None = None


@dataclass(frozen=True)
class AddFollowUp:
    consultation_id: str
    note: str


@dataclass(frozen=True)
class Refer:
    consultation_id: str
    organisation_id: str
    note: str = ""


@dataclass(frozen=True)
class ConsultationFilter:
    status: str | None = None
    topic: str | None = None
    organisation_id: str | None = None
    coordinator: str | None = None
    after: list | None = None
    limit: int = 50


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _operators_only(actor: Actor) -> None:
    if not actor.is_operator:
        raise Forbidden("相談記録は運営者のみ扱えます / consultations are for operators only")


def _known_organisation(uow: RegistryUnitOfWork, organisation_id: str | None, field: str) -> None:
    if organisation_id and uow.organisations.get(organisation_id) is None:
        raise ValidationFailed(INVALID_INPUT, {field: ["団体が見つかりません / unknown "
                                                       "organisation"]})


def open_consultation(uow: RegistryUnitOfWork, actor: Actor,
                      command: OpenConsultation) -> Consultation:
    _operators_only(actor)
    with uow:
        existing = uow.consultations.get(command.consultation_id)
        if existing is not None:
            return existing
        _known_organisation(uow, command.organisation_id, "organisation_id")
        consultation = consultations.open_consultation(
            consultation_id=command.consultation_id, channel=command.channel,
            topics=command.topics, organisation_id=command.organisation_id,
            person=command.person, notes=command.notes,
            coordinator=command.coordinator or actor.recipient_id, now=_now())
        uow.consultations.add(consultation)
        uow.commit()
        return consultation


def change_status(uow: RegistryUnitOfWork, actor: Actor, command: ChangeStatus) -> Consultation:
    def change(c: Consultation, now):
        if command.coordinator is not None:
            c.assign(command.coordinator, now)
        c.move_to(command.status, now)
    return _change(uow, actor, command.consultation_id, change)


def add_follow_up(uow: RegistryUnitOfWork, actor: Actor, command: AddFollowUp) -> Consultation:
    return _change(uow, actor, command.consultation_id,
                   lambda c, now: c.follow_up(command.note, actor.recipient_id, now))


def refer(uow: RegistryUnitOfWork, actor: Actor, command: Refer) -> Consultation:
    def change(c: Consultation, now):
        _known_organisation(uow, command.organisation_id, "organisation_id")
        c.refer(command.organisation_id, command.note, now)
    return _change(uow, actor, command.consultation_id, change)


def get_consultation(uow: RegistryUnitOfWork, actor: Actor, consultation_id: str) -> Consultation:
    _operators_only(actor)
    with uow:
        return _get(uow, consultation_id)


def list_consultations(uow: RegistryUnitOfWork, actor: Actor, query: ConsultationFilter) -> Page:
    _operators_only(actor)
    with uow:
        found = uow.consultations.list(query)
    return page_of(found, query.limit, lambda c: [c.opened_at.isoformat(), c.id])


def _change(uow: RegistryUnitOfWork, actor: Actor, consultation_id: str, change) -> Consultation:
    _operators_only(actor)
    with uow:
        consultation = _get(uow, consultation_id)
        change(consultation, _now())
        uow.consultations.save(consultation)
        uow.commit()
        return consultation


def _get(uow: RegistryUnitOfWork, consultation_id: str) -> Consultation:
    consultation = uow.consultations.get(consultation_id)
    if consultation is None:
        raise NotFound(f"相談が見つかりません / consultation {consultation_id} not found")
    return consultation
