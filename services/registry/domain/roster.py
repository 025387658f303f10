"""Officers and members of an organisation (P1.2.3), with per-field privacy as for contacts.

Each personal field (name, e-mail, phone) has its own visibility: public, members or operators;
the organisation's own key and operators see all. "Members" means members of THAT organisation:
a citizen key whose subject is the `person_id` of one of its roster entries. Other
organisations' and partners' keys are not its members and see only public fields. The
title (会長, 会計 …) and whether someone is an officer are public. `person_id` links one person's
entries across organisations (a citizen key's subject, when the person has one).
"""
from dataclasses import dataclass, replace
from datetime import date, datetime

from services.common.errors import INVALID_INPUT, ValidationFailed
from services.registry.contract.vocabulary import ROSTER_ROLES, VISIBILITIES
from services.registry.domain.events import RosterEntryAdded, RosterEntryRemoved

_SEES = {"operator": set(VISIBILITIES), "owner": set(VISIBILITIES),
         "member": {"public", "members"}, "public": {"public"}}


@dataclass(frozen=True)
class RosterEntry:
    id: str
    organisation_id: str
    role: str
    name: str
    added_at: datetime
    title: str = ""
    person_id: str | None = None
    email: str = ""
    phone: str = ""
    name_visibility: str = "members"
    email_visibility: str = "operators"
    phone_visibility: str = "operators"
    joined_on: date | None = None


def add_entry(entry: RosterEntry) -> tuple[RosterEntry, RosterEntryAdded]:
    problems: dict[str, list[str]] = {}
    if entry.role not in ROSTER_ROLES:
        problems["role"] = [f"役割が不正です / role one of {', '.join(ROSTER_ROLES)}"]
    if not entry.name.strip():
        problems["name"] = ["氏名を入力してください / name is required"]
    for name in ("name_visibility", "email_visibility", "phone_visibility"):
        if getattr(entry, name) not in VISIBILITIES:
            problems[name] = [f"公開範囲が不正です / one of {', '.join(VISIBILITIES)}"]
    if problems:
        raise ValidationFailed(INVALID_INPUT, problems)
    entry = replace(entry, name=" ".join(entry.name.split()), title=entry.title.strip(),
                    email=entry.email.strip(), phone=entry.phone.strip())
    return entry, RosterEntryAdded(entry_id=entry.id, organisation_id=entry.organisation_id,
                                   role=entry.role, person_id=entry.person_id)


def removed(entry: RosterEntry) -> RosterEntryRemoved:
    return RosterEntryRemoved(entry_id=entry.id, organisation_id=entry.organisation_id,
                              role=entry.role, person_id=entry.person_id)


def view_for(entry: RosterEntry, viewer: str) -> RosterEntry:
    """Blank what the viewer may not see; the person link only for operators and the owner."""
    seen = _SEES[viewer]
    return replace(
        entry,
        name=entry.name if entry.name_visibility in seen else "",
        email=entry.email if entry.email_visibility in seen else "",
        phone=entry.phone if entry.phone_visibility in seen else "",
        person_id=entry.person_id if viewer in ("operator", "owner") else None)


def roster_viewer(organisation_viewer: str, role: str, subject_id: str | None,
                  entries: list[RosterEntry]) -> str:
    """Who reads this roster: operator and owner as for the organisation; a citizen listed on it
    (by their key's subject) is a member; everyone else, other organisations included, public."""
    if organisation_viewer in ("operator", "owner"):
        return organisation_viewer
    if role == "citizen" and subject_id and any(e.person_id == subject_id for e in entries):
        return "member"
    return "public"
