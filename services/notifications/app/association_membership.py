"""Who the neighbourhood associations and their member households are, as registry's events
tell it: a read model of ids (no names), kept idempotently by the inbox guarantee."""
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain.circular import MemberHousehold

ORGANISATION_EVENTS = ("registry.organisation_registered", "registry.organisation_updated")
ROSTER_ADDED, ROSTER_REMOVED = "registry.roster_entry_added", "registry.roster_entry_removed"
# Events that feed this read model and become no message.
READ_MODEL_EVENTS = (*ORGANISATION_EVENTS, ROSTER_ADDED, ROSTER_REMOVED)


def on_organisation_facts(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.memberships.set_kind(payload["organisation_id"], payload["kind"])


def on_roster_entry_added(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.memberships.add_household(MemberHousehold(payload["entry_id"], payload["organisation_id"],
                                                  payload.get("person_id")))


def on_roster_entry_removed(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    uow.memberships.remove_household(payload["entry_id"])


HANDLERS = {**{event_type: on_organisation_facts for event_type in ORGANISATION_EVENTS},
            ROSTER_ADDED: on_roster_entry_added, ROSTER_REMOVED: on_roster_entry_removed}
