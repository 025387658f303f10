"""Codes matching's contract and domain share: what a request may name, what the domain accepts.

Plain constants only, so the gateway can validate with them without loading the domain.
"""

NEED_KINDS = ("volunteer_shift", "skilled_task", "lecturer_dispatch", "event_helper")

OFFER_KINDS = ("staff_time", "goods", "money", "venue", "expertise")
OFFER_STATUSES = ("open", "closed")

TALENT_ORIGINS = ("citizen", "outside", "business_staff")
# A business's invitation to a person to be offered as its staff, as the person answered it.
INVITATION_PENDING, INVITATION_ACCEPTED, INVITATION_DECLINED = "pending", "accepted", "declined"
INVITATION_STATUSES = (INVITATION_PENDING, INVITATION_ACCEPTED, INVITATION_DECLINED)
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
