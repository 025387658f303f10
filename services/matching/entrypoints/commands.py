"""Requests as the contract loads them, turned into what the use cases take."""
from datetime import timedelta

from services.common.city_profile_file import region_names
from services.common.pagination import decode_cursor
from services.matching.app.matches import ProposeMatch
from services.matching.app.needs import PostNeed
from services.matching.app.offers import OfferListQuery
from services.matching.app.ports import MatchFilter, NeedFilter
from services.matching.app.staff_invitations import InvitationListQuery, InviteStaff
from services.matching.app.talents import TalentListQuery
from services.matching.domain.offer_fulfilment import Gift
from services.matching.domain.need_schedule import NeedSchedule, OneOff, Weekly
from services.matching.domain.talent import Contact


def post_need(request: dict) -> PostNeed:
    data = dict(request)
    schedule = data.pop("schedule", None)
    return PostNeed(need_id=data.pop("request_id"), organisation_id=data.pop("organisation_id", None),
                    fields=data.pop("fields_", None), schedule=_schedule(schedule), **data)


def _schedule(loaded: dict | None) -> NeedSchedule:
    if not loaded:
        return NeedSchedule()
    weekly = loaded.get("weekly")
    return NeedSchedule(dates=tuple(OneOff(**d) for d in loaded["dates"]),
                        weekly=Weekly(**weekly) if weekly else None)


def need_filter(request: dict) -> NeedFilter:
    data = dict(request)
    return NeedFilter(after=decode_cursor(data.pop("cursor", None)), **data)


def create_talent(request: dict) -> dict:
    data = dict(request)
    return {"request_id": data.pop("request_id"), "talent_id": data.pop("talent_id", None),
            "profile": _profile(data)}


def update_talent(request: dict) -> dict:
    data = dict(request)
    return {"talent_id": data.pop("talent_id"), "changes": _profile(data)}


def _profile(data: dict) -> dict:
    if "weekly_availability" in data:
        data["weekly_availability"] = [(s["weekday"], s["band"]) for s in data["weekly_availability"]]
    if "available_dates" in data:
        data["available_dates"] = [(r["start"], r["end"]) for r in data["available_dates"]]
    if "contact" in data:
        data["contact"] = Contact(**data["contact"])
    return data


def talent_list_query(request: dict) -> TalentListQuery:
    return TalentListQuery(after=decode_cursor(request.get("cursor")), limit=request["limit"])


def propose_match(request: dict) -> ProposeMatch:
    return ProposeMatch(match_id=request["request_id"], need_id=request["need_id"],
                        talent_id=request.get("talent_id"))


def match_filter(request: dict) -> MatchFilter:
    data = dict(request)
    return MatchFilter(after=decode_cursor(data.pop("cursor", None)), **data)


def proposal_age(request: dict) -> timedelta:
    return timedelta(days=request["older_than_days"])


def assign(request: dict) -> dict:
    return {"request_id": request["request_id"], "max_needs_per_talent": request["max_needs_per_talent"],
            "need_ids": request.get("need_ids") or None, "preview": request["preview"],
            "expected_digest": request.get("expected_digest")}


def send_message(request: dict) -> dict:
    return {"match_id": request["match_id"], "message_id": request["request_id"], "body": request["body"]}


def post_offer(request: dict) -> dict:
    details = dict(request)
    request_id, organisation_id = details.pop("request_id"), details.pop("organisation_id", None)
    details["fields"] = details.pop("fields_")
    return {"request_id": request_id, "organisation_id": organisation_id, "details": details}


def update_offer(request: dict) -> dict:
    changes = dict(request)
    offer_id = changes.pop("offer_id")
    if "fields_" in changes:
        changes["fields"] = changes.pop("fields_")
    return {"offer_id": offer_id, "changes": changes}


def fulfil_offer(request: dict) -> dict:
    gift = Gift(quantity=request["quantity"], value_yen=request["value_yen"], value_basis=request["value_basis"],
                need_id=request.get("need_id"), people_reached=request["people_reached"],
                fulfilled_on=request.get("fulfilled_on"))
    return {"offer_id": request["offer_id"], "gift": gift, "city_regions": set(region_names())}


def offer_list_query(request: dict) -> OfferListQuery:
    return OfferListQuery(organisation_id=request.get("organisation_id"),
                          after=decode_cursor(request.get("cursor")), limit=request["limit"])


def invite_staff(request: dict) -> InviteStaff:
    return InviteStaff(invitation_id=request["request_id"], offer_id=request["offer_id"],
                       person_id=request["person_id"])


def invitation_list_query(request: dict) -> InvitationListQuery:
    return InvitationListQuery(status=request.get("status"), after=decode_cursor(request.get("cursor")),
                               limit=request["limit"])
