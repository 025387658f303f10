"""Codes matching's contract and domain share: what a request may name, what the domain accepts.

Plain constants only, so the gateway can validate with them without loading the domain.
"""

NEED_KINDS = ("volunteer_shift", "skilled_task", "lecturer_dispatch", "event_helper")

OFFER_KINDS = ("staff_time", "goods", "money", "venue", "expertise")
OFFER_STATUSES = ("open", "closed")

TALENT_ORIGINS = ("citizen", "outside", "business_staff")
# An age band, never a birth date (DESIGN.md, personal data).
AGE_BANDS = ("10代", "20代", "30代", "40代", "50代", "60代", "70代以上")
MIN_SKILL_LEVEL = 1
MAX_SKILL_LEVEL = 5
# Parts of a day, in the order they come (the weekly availability mask follows it).
TIME_BANDS = ("morning", "afternoon", "evening")

PROPOSED, ACCEPTED, WAITLISTED, CONFIRMED = "proposed", "accepted", "waitlisted", "confirmed"
HOURS_LOGGED, COMPLETED = "hours_logged", "completed"
DECLINED, WITHDRAWN, EXPIRED = "declined", "withdrawn", "expired"
MATCH_STATUSES = (PROPOSED, ACCEPTED, WAITLISTED, CONFIRMED, HOURS_LOGGED, COMPLETED, DECLINED,
                  WITHDRAWN, EXPIRED)
MAX_HOURS_PER_MATCH = 1000.0

# Workshops, courses, talks and exchange meetings (交流会) with sign-up and waitlists.
GATHERING_KINDS = ("workshop", "course", "talk", "exchange_meeting")
WAITING_FOR_ROOM, SCHEDULED, REFUSED = "waiting_for_room", "scheduled", "refused"
GATHERING_STATUSES = (WAITING_FOR_ROOM, SCHEDULED, REFUSED)
SIGNED_UP, WAITLISTED_SEAT, OFFERED, CANCELLED, OFFER_EXPIRED = (
    "confirmed", "waitlisted", "offered", "cancelled", "expired")
SIGN_UP_STATUSES = (SIGNED_UP, WAITLISTED_SEAT, OFFERED, CANCELLED, OFFER_EXPIRED)
YOUTH_AGE_BANDS = ("10代", "20代")
MAX_OCCURRENCES = 60
MAX_SEATS_PER_SIGN_UP = 20  # an organisation signs up several of its members at once

# Funding opportunities (grants and subsidies) and organisations' applications to them.
APPLIED, AWARDED, REJECTED = "applied", "awarded", "rejected"
FUNDING_RESULTS = (AWARDED, REJECTED)
DEFAULT_FUNDING_REMINDER_DAYS = 7
