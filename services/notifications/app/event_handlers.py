"""Which use case each consumed event runs."""
from services.notifications.app import (association_membership, gathering_and_funding_notices, inbox,
                                        reports_and_registry_events)
from services.notifications.domain import gathering_and_funding_messages, match_messages

EVENT_HANDLERS = {"matching.need_posted": inbox.on_need_posted,
                  "reports.report_ready": reports_and_registry_events.on_report_ready,
                  "registry.newcomer_interest_registered":
                      reports_and_registry_events.on_newcomer_interest,
                  **{event_type: inbox.message_for_parties(event_type)
                     for event_type in match_messages.AUDIENCES},
                  **{event_type: gathering_and_funding_notices.message_for(event_type)
                     for event_type in gathering_and_funding_messages.EVENT_TYPES},
                  **association_membership.HANDLERS}
