"""Who hears of matching's gathering and funding events, and the facts and link their messages use.

Sign-up events name their participant by inbox key ("citizen:<id>", "organisation:<id>"); the
organiser hears whether its room booking held; a funding notice names the organisations eligible
(matching decides eligibility). Messages name the gathering or opportunity by link, never a person.
"""
from datetime import datetime
from zoneinfo import ZoneInfo

PARTICIPANT_EVENTS = ("matching.gathering_signed_up", "matching.gathering_sign_up_cancelled",
                      "matching.gathering_place_offered", "matching.gathering_place_confirmed",
                      "matching.gathering_offer_expired", "matching.gathering_reminder_due")
ORGANISER_EVENTS = ("matching.gathering_room_settled", "matching.gathering_cancelled")
CHANGE_EVENTS = ("matching.gathering_updated",)  # the participants matching names
FUNDING_EVENTS = ("matching.funding_window_opened", "matching.funding_closing_soon")
EVENT_TYPES = PARTICIPANT_EVENTS + ORGANISER_EVENTS + CHANGE_EVENTS + FUNDING_EVENTS
_JAPAN = ZoneInfo("Asia/Tokyo")


def recipients(event_type: str, payload: dict) -> list[str]:
    if event_type in FUNDING_EVENTS:
        return [f"organisation:{organisation_id}" for organisation_id in payload["organisation_ids"]]
    if event_type in ORGANISER_EVENTS:
        return [f"organisation:{payload['organiser_id']}"]
    if event_type in CHANGE_EVENTS:
        return list(payload["participants"])
    return [payload["participant"]]


def _local(moment: datetime | None) -> str:
    return moment.astimezone(_JAPAN).strftime("%Y-%m-%d %H:%M") if moment else ""


def facts(payload: dict) -> dict:
    """The payload with optional facts present (StrictUndefined catches only real mistakes) and
    times shown in Japan's time."""
    return {"status": "", "reason": "", "programme": "", **payload, "starts_at": _local(payload.get("starts_at")),
            "confirm_by": _local(payload.get("confirm_by")), "closes_on": str(payload.get("closes_on") or "")}


def link(payload: dict) -> str:
    if payload.get("opportunity_id"):
        return f"/api/v1/funding-opportunities/{payload['opportunity_id']}"
    return f"/api/v1/gatherings/{payload['gathering_id']}"
