"""Rosters of officers and members: kept by the organisation's own key or operators; read by
everyone with per-field privacy ("members only" for the people listed on that roster); a person
with a citizen key sees where they are listed."""
from dataclasses import dataclass
from datetime import date, datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden, NotFound
from services.registry.app.ports import RegistryUnitOfWork
from services.registry.domain import roster
from services.registry.domain.organisation import audience, may_see
from services.registry.domain.roster import RosterEntry


@dataclass(frozen=True)
class AddRosterEntry:
    entry_id: str
    organisation_id: str
    role: str
    name: str
    title: str = ""
    person_id: str | None = None
    email: str = ""
    phone: str = ""
    name_visibility: str = "members"
    email_visibility: str = "operators"
    phone_visibility: str = "operators"
    joined_on: date | None = None


@dataclass(frozen=True)
class RemoveRosterEntry:
    organisation_id: str
    entry_id: str


def _organisation(uow: RegistryUnitOfWork, actor: Actor, organisation_id: str):
    organisation = uow.organisations.get(organisation_id)
    viewer = audience(organisation, actor.role, actor.recipient_id) if organisation else "public"
    if organisation is None or not may_see(organisation, viewer):
        raise NotFound(f"団体が見つかりません / organisation {organisation_id} not found")
    return organisation, viewer


def _may_change(actor: Actor, organisation_id: str) -> None:
    if not (actor.is_operator or actor.recipient_id == f"organisation:{organisation_id}"):
        raise Forbidden("名簿は自団体のみ編集できます / only your own organisation's roster")


def add_entry(uow: RegistryUnitOfWork, actor: Actor, command: AddRosterEntry) -> RosterEntry:
    _may_change(actor, command.organisation_id)
    with uow:
        existing = uow.rosters.get(command.entry_id)
        if existing is not None:
            return existing
        _organisation(uow, actor, command.organisation_id)
        entry, event = roster.add_entry(RosterEntry(
                id=command.entry_id, organisation_id=command.organisation_id, role=command.role,
                name=command.name, title=command.title, person_id=command.person_id,
                email=command.email, phone=command.phone,
                name_visibility=command.name_visibility,
                email_visibility=command.email_visibility,
                phone_visibility=command.phone_visibility, joined_on=command.joined_on,
                added_at=datetime.now(timezone.utc)))
        uow.rosters.add(entry)
        uow.emit(event)
        uow.commit()
        return entry


def remove_entry(uow: RegistryUnitOfWork, actor: Actor, command: RemoveRosterEntry) -> None:
    _may_change(actor, command.organisation_id)
    with uow:
        entry = uow.rosters.get(command.entry_id)
        if entry is None or entry.organisation_id != command.organisation_id:
            raise NotFound(f"名簿の項目が見つかりません / entry {command.entry_id} not found")
        uow.rosters.remove(entry.id)
        uow.emit(roster.removed(entry))
        uow.commit()


def get_roster(uow: RegistryUnitOfWork, actor: Actor, organisation_id: str) -> list[RosterEntry]:
    with uow:
        _, organisation_viewer = _organisation(uow, actor, organisation_id)
        entries = uow.rosters.of_organisation(organisation_id)
    viewer = roster.roster_viewer(organisation_viewer, actor.role, actor.subject_id, entries)
    return [roster.view_for(e, viewer) for e in entries]


def my_memberships(uow: RegistryUnitOfWork, actor: Actor) -> list[RosterEntry]:
    """Where the person behind a citizen key is listed (their own data, all fields)."""
    if actor.role != "citizen" or not actor.subject_id:
        raise Forbidden("市民のキーで確認できます / use a citizen key")
    with uow:
        return uow.rosters.of_person(actor.subject_id)


def display_names(uow: RegistryUnitOfWork, actor: Actor, organisation_id: str) -> list[RosterEntry]:
    """Every entry's name, whatever its visibility, for the organisation itself and operators
    (an association's visit list for its 班長); anyone else is told it is not there."""
    if not (actor.is_operator or actor.recipient_id == f"organisation:{organisation_id}"):
        raise NotFound(f"団体が見つかりません / organisation {organisation_id} not found")
    with uow:
        _organisation(uow, actor, organisation_id)
        return uow.rosters.of_organisation(organisation_id)
