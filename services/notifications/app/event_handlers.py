"""Which use case each consumed event runs."""
from services.notifications.app import inbox
from services.notifications.domain import match_messages

EVENT_HANDLERS = {"matching.need_posted": inbox.on_need_posted,
                  **{event_type: inbox.message_for_parties(event_type)
                     for event_type in match_messages.TEMPLATES}}
