"""What each role hears about until it (or an operator) chooses event types itself.

A representative hears about applications and matches for their own needs, newcomers who asked
for their association, their gatherings and funding; a talent about invitations, confirmations
and what follows from them; a partner about its offers. Everyone hears new needs, offers and
gatherings that their regions, fields or followed organisations bring.
"""
NEED_POSTED = "matching.need_posted"
OFFER_POSTED = "matching.offer_posted"
GATHERING_CREATED = "matching.gathering_created"
# What following an organisation brings: its new needs, offers and gatherings.
FOLLOWED = (NEED_POSTED, OFFER_POSTED, GATHERING_CREATED)
# Always heard, never a choice: a report you asked for yourself.
ALWAYS_HEARD = frozenset({"reports.report_ready"})

_MATCHES = tuple(f"matching.match_{name}" for name in (
    "proposed", "accepted", "waitlisted", "promoted", "confirmed", "declined", "withdrawn",
    "expired", "completed", "feedback_given", "message_sent")) + ("matching.contact_released",)
_SIGN_UPS = tuple(f"matching.gathering_{name}" for name in (
    "signed_up", "sign_up_cancelled", "place_offered", "place_confirmed", "offer_expired",
    "reminder_due", "updated"))

ROLE_DEFAULTS: dict[str, frozenset[str]] = {
    "organisation": frozenset({*FOLLOWED, *_MATCHES, *_SIGN_UPS, "matching.match_hours_logged",
                               "registry.newcomer_interest_registered",
                               "matching.gathering_room_settled", "matching.gathering_cancelled",
                               "matching.funding_window_opened", "matching.funding_closing_soon"}),
    "citizen": frozenset({*FOLLOWED, *_MATCHES, *_SIGN_UPS, "matching.talent_registered",
                          "matching.talent_updated"}),
    "partner": frozenset({*FOLLOWED, "matching.offer_updated"}),
    "operator": frozenset(FOLLOWED),
    "service": frozenset(FOLLOWED),
}


def role_of(recipient_id: str) -> str:
    """Recipient ids are "<role>:<subject>"."""
    return recipient_id.partition(":")[0]


def defaults_for(recipient_id: str) -> frozenset[str]:
    return ROLE_DEFAULTS.get(role_of(recipient_id), frozenset(FOLLOWED))
