"""KPI facts from events: what each consumed event adds to the plan's measures. Run with the
event's read-model handler, live and on replay alike, so both build the same facts."""
import json
from datetime import date, datetime, timezone
from functools import cache
from zoneinfo import ZoneInfo

from services.common.city_profile_file import city_profile_path
from services.reports.app.ports import ReportsUnitOfWork
from services.reports.domain.fiscal_year import fiscal_year_of
from services.reports.domain.kpi import RATIO_PARTS, KpiFact, RateFact

YOUTH_AGE_BANDS = ("10代", "20代")


@cache
def city_timezone() -> ZoneInfo:
    """A day is the city's day: an event at 23:30 UTC on 31 March is 1 April in Japan."""
    profile = json.loads(city_profile_path().read_text(encoding="utf-8"))
    return ZoneInfo(profile.get("timezone", "Asia/Tokyo"))


def local_day(occurred_at: datetime) -> date:
    moment = occurred_at if occurred_at.tzinfo else occurred_at.replace(tzinfo=timezone.utc)
    return moment.astimezone(city_timezone()).date()


def record_facts(uow: ReportsUnitOfWork, event_type: str, event_id: str,
                 occurred_at: datetime, payload: dict) -> None:
    recorder = RECORDERS.get(event_type)
    if recorder is not None:
        recorder(uow, event_id, local_day(occurred_at), payload)


def _fact(uow, event_id, measure, day, region, value=1.0, subject_id=None):
    uow.kpi.add_fact(KpiFact(event_id, measure, fiscal_year_of(day), day, region, value,
                             subject_id))


def _organisation_registered(uow, event_id, day, payload):
    _fact(uow, event_id, "organisations_registered", day, payload["region"],
          subject_id=payload["organisation_id"])


def _organisation_verified(uow, event_id, day, payload):
    _fact(uow, event_id, "organisations_verified", day,
          uow.kpi.organisation_region(payload["organisation_id"]))


def _consultation_opened(uow, event_id, day, payload):
    _fact(uow, event_id, "consultations", local_day(payload["opened_at"]), None)


def _need_posted(uow, event_id, day, payload):
    _fact(uow, event_id, "needs_posted", day, payload["region"])


def _talent(uow, event_id, day, payload):
    if payload.get("age_band"):
        uow.kpi.record_talent(payload["talent_id"], payload["age_band"])


def _match_completed(uow, event_id, day, payload):
    day = payload["completed_on"]
    need = uow.csr.need(payload["need_id"])
    region = need.region if need else None
    _fact(uow, event_id, "matches_completed", day, region)
    _fact(uow, event_id, "volunteer_hours", day, region, float(payload["hours"]))
    numerator, denominator = RATIO_PARTS["youth_share"]
    _fact(uow, event_id, denominator, day, region)
    if uow.kpi.age_band(payload["talent_id"]) in YOUTH_AGE_BANDS:
        _fact(uow, event_id, numerator, day, region)
    offer_id = uow.csr.staff_offer(payload["talent_id"])
    offer = uow.csr.offer(offer_id) if offer_id else None
    if offer is not None:
        _fact(uow, event_id, "active_businesses", day, region, subject_id=offer.partner_id)


def _offer_posted(uow, event_id, day, payload):
    regions = payload.get("regions") or [None]
    _fact(uow, event_id, "active_businesses", day, regions[0],
          subject_id=payload["organisation_id"])


def _membership_rate(uow, event_id, day, payload):
    uow.kpi.add_rate(RateFact(event_id, payload["region"], payload["as_of"],
                              payload["households_in_area"], payload["rate"]))


def _booking_confirmed(uow, event_id, day, payload):
    _fact(uow, event_id, "facility_use", local_day(payload["starts_at"]), None)


def _newcomer(uow, event_id, day, payload):
    _fact(uow, event_id, "newcomers_introduced", day, payload["region"])


RECORDERS = {
    "registry.organisation_registered": _organisation_registered,
    "registry.organisation_verified": _organisation_verified,
    "registry.consultation_opened": _consultation_opened,
    "matching.need_posted": _need_posted,
    "matching.talent_registered": _talent,
    "matching.talent_updated": _talent,
    "matching.match_completed": _match_completed,
    "matching.offer_posted": _offer_posted,
    "registry.membership_rate_recalculated": _membership_rate,
    "registry.booking_confirmed": _booking_confirmed,
    "registry.newcomer_interest_registered": _newcomer,
}
