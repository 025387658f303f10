"""Which use case each consumed event runs."""
from services.notifications.app import (announcements, association_membership, gathering_and_funding_notices, inbox,
                                        reports_and_registry_events)
from services.notifications.domain import gathering_and_funding_messages, match_messages
from services.notifications.domain.subscription_defaults import ALWAYS_HEARD

EVENT_HANDLERS = {"matching.need_posted": inbox.on_need_posted,
                  "reports.report_ready": reports_and_registry_events.on_report_ready,
                  "registry.newcomer_interest_registered":
                      reports_and_registry_events.on_newcomer_interest,
                  **{event_type: inbox.message_for_parties(event_type)
                     for event_type in match_messages.AUDIENCES},
                  **{event_type: gathering_and_funding_notices.message_for(event_type)
                     for event_type in gathering_and_funding_messages.EVENT_TYPES},
                  "matching.gathering_created": gathering_and_funding_notices.on_gathering_created,
                  "matching.need_closed": announcements.on_need_closed,
                  "matching.need_reopened": announcements.on_need_reopened,
                  **association_membership.HANDLERS}
# Events that only keep read models current (the public feed's open needs, associations'
# households): nobody gets a message of them.
READ_MODEL_ONLY = frozenset({"matching.need_closed", "matching.need_reopened",
                             *association_membership.READ_MODEL_EVENTS})
# What a subscription may name: every event turned into messages but those always heard.
SUBSCRIBABLE = frozenset(EVENT_HANDLERS) - ALWAYS_HEARD - READ_MODEL_ONLY
