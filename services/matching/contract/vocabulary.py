"""Codes matching's contract and domain share: what a request may name, what the domain accepts.

Plain constants only, so the gateway can validate with them without loading the domain.
"""

NEED_KINDS = ("volunteer_shift", "skilled_task", "lecturer_dispatch", "event_helper")

# A need stops being open when its last slot is taken (it reopens if one is freed), or when its
# organisation closes it (no more recruits) or cancels it (it will not happen).
NEED_OPEN, NEED_FILLED, NEED_CLOSED, NEED_CANCELLED = "open", "filled", "closed", "cancelled"
NEED_END_CHOICES = (NEED_CLOSED, NEED_CANCELLED)
NEED_CLOSE_REASONS = (NEED_FILLED, *NEED_END_CHOICES)

OFFER_KINDS = ("staff_time", "goods", "money", "venue", "expertise")
OFFER_STATUSES = ("open", "closed")  # what an update may set
# Once its gift is recorded an offer is fulfilled: no longer open, editable or fulfilled again.
OFFER_FULFILLED = "fulfilled"
# The basis a gift's value in yen rests on: money states the amount given; in-kind gifts carry
# their stated basis (the goods' market price or cost, staff or expert time at an hourly rate,
# a venue at its fee).
MONEY_BASIS = "amount_given"
VALUE_BASES = (MONEY_BASIS, "market_price", "cost", "hourly_rate", "venue_fee")

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

# Labels people read (the vocabularies route).
NEED_KIND_LABELS = {
    "volunteer_shift": ("ボランティア（シフト）", "Volunteer shift"),
    "skilled_task": ("専門スキルの仕事", "Skilled task"),
    "lecturer_dispatch": ("講師派遣", "Lecturer dispatch"),
    "event_helper": ("イベントの手伝い", "Event helper"),
}

# The skill taxonomy: the codes talents, needs and offers may name, with their labels.
SKILL_LABELS = {
    "first_aid": ("救命・応急手当", "First aid"),
    "cooking": ("調理", "Cooking"),
    "driving": ("運転", "Driving"),
    "it_support": ("IT・スマホの支援", "IT and smartphone support"),
    "web_design": ("ウェブ制作", "Web design"),
    "teaching": ("教える・講師", "Teaching"),
    "childcare": ("保育・子どもの見守り", "Childcare"),
    "nursing_care": ("介護", "Nursing care"),
    "carpentry": ("大工・修繕", "Carpentry and repairs"),
    "translation_en": ("英語の通訳・翻訳", "English interpreting and translation"),
    "sign_language": ("手話", "Sign language"),
    "accounting": ("会計・経理", "Accounting"),
    "event_planning": ("イベントの企画運営", "Event planning"),
    "photography": ("写真・映像", "Photography and video"),
}
SKILLS = tuple(SKILL_LABELS)
# Workshops, courses, talks and exchange meetings (交流会) with sign-up and waitlists.
GATHERING_KINDS = ("workshop", "course", "talk", "exchange_meeting")
WAITING_FOR_ROOM, SCHEDULED, REFUSED = "waiting_for_room", "scheduled", "refused"
CALLED_OFF = "cancelled"  # by its organiser
GATHERING_STATUSES = (WAITING_FOR_ROOM, SCHEDULED, REFUSED, CALLED_OFF)
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
