"""Registry's commands, queries and filters, built from requests its contract has loaded."""
from dataclasses import replace

from services.common.pagination import decode_cursor
from services.registry.app.associations import NewcomerInterest, RateQuery, RecordFigure, SetArea
from services.registry.app.consultations import (AddFollowUp, ChangeStatus, ConsultationFilter,
                                                 OpenConsultation, Refer)
from services.registry.app.facilities import (BookingDecision, BookingFilter, DesignateManager,
                                              FacilityFilter, RegisterFacility, RequestBooking)
from services.registry.app.networks import DeclareTie, RemoveTie
from services.registry.app.organisations import (PROFILE_FIELDS, OrganisationFilter,
                                                 RegisterOrganisation, ReviewOrganisation,
                                                 UpdateOrganisation)
from services.registry.app.rosters import AddRosterEntry, RemoveRosterEntry
from services.registry.contract.requests import OpeningHoursSchema
from services.registry.contract.vocabulary import HOUSEHOLDS_IN_AREA, MEMBER_HOUSEHOLDS
from services.registry.domain.directory import ordering_for


# --- organisations ----------------------------------------------------------------------------

def register_organisation(request: dict) -> RegisterOrganisation:
    data = dict(request)
    profile = {name: data.pop(name) for name in PROFILE_FIELDS if name in data}
    return RegisterOrganisation(organisation_id=str(data.pop("request_id")),
                                fields=data.pop("fields_"), profile=profile, **data)


def update_organisation(request: dict) -> UpdateOrganisation:
    changes = dict(request)
    organisation_id = changes.pop("organisation_id")
    if "fields_" in changes:
        changes["fields"] = changes.pop("fields_")
    return UpdateOrganisation(organisation_id=organisation_id, changes=changes)


def review_organisation(request: dict) -> ReviewOrganisation:
    return ReviewOrganisation(**request)


def organisation_filter(request: dict) -> OrganisationFilter:
    data = dict(request)
    cursor = data.pop("cursor", None)
    query = OrganisationFilter(**data)
    return replace(query, after=decode_cursor(cursor, ordering_for(query.terms)))


# --- facilities and bookings ------------------------------------------------------------------

def register_facility(request: dict) -> RegisterFacility:
    data = dict(request)
    designation = data.pop("designation") or {}
    return RegisterFacility(
        facility_id=str(data.pop("request_id")),
        # an absent object takes the contract's default hours, as a given one does
        opening_hours=OpeningHoursSchema().load(data.pop("opening_hours") or {}),
        managing_organisation_id=designation.get("organisation_id"),
        designated_from=designation.get("from_"), designated_to=designation.get("to"), **data)


def designate_manager(request: dict) -> DesignateManager:
    return DesignateManager(facility_id=request["facility_id"],
                            organisation_id=request["organisation_id"],
                            designated_from=request["from_"], designated_to=request.get("to"))


def facility_filter(request: dict) -> FacilityFilter:
    data = dict(request)
    cursor = data.pop("cursor", None)
    query = FacilityFilter(**data)
    return replace(query, after=decode_cursor(cursor, ordering_for(query.terms)))


def request_booking(request: dict) -> RequestBooking:
    data = dict(request)
    return RequestBooking(booking_id=str(data.pop("request_id")), **data)


def booking_decision(request: dict) -> BookingDecision:
    return BookingDecision(**request)


def booking_filter(request: dict) -> BookingFilter:
    data = dict(request)
    return BookingFilter(after=decode_cursor(data.pop("cursor", None)), **data)


# --- neighbourhood associations ---------------------------------------------------------------

def set_area(request: dict) -> SetArea:
    return SetArea(**request)


def record_households(request: dict) -> RecordFigure:
    return RecordFigure(str(request["request_id"]), request["organisation_id"],
                        HOUSEHOLDS_IN_AREA, request["households_in_area"], request["as_of"])


def record_member_households(request: dict) -> RecordFigure:
    return RecordFigure(str(request["request_id"]), request["organisation_id"],
                        MEMBER_HOUSEHOLDS, request["member_households"], request["as_of"])


def rate_query(request: dict) -> RateQuery:
    return RateQuery(**request)


def newcomer_interest(request: dict) -> NewcomerInterest:
    data = dict(request)
    return NewcomerInterest(interest_id=str(data.pop("request_id")), **data)


# --- consultations ----------------------------------------------------------------------------

def open_consultation(request: dict) -> OpenConsultation:
    data = dict(request)
    return OpenConsultation(consultation_id=str(data.pop("request_id")), **data)


def change_status(request: dict) -> ChangeStatus:
    return ChangeStatus(**request)


def add_follow_up(request: dict) -> AddFollowUp:
    return AddFollowUp(**request)


def refer(request: dict) -> Refer:
    return Refer(**request)


def consultation_filter(request: dict) -> ConsultationFilter:
    data = dict(request)
    return ConsultationFilter(after=decode_cursor(data.pop("cursor", None)), **data)


# --- networks and rosters ---------------------------------------------------------------------

def declare_tie(request: dict) -> DeclareTie:
    data = dict(request)
    return DeclareTie(tie_id=str(data.pop("request_id")), **data)


def remove_tie(request: dict) -> RemoveTie:
    return RemoveTie(**request)


def add_roster_entry(request: dict) -> AddRosterEntry:
    data = dict(request)
    return AddRosterEntry(entry_id=str(data.pop("request_id")), **data)


def remove_roster_entry(request: dict) -> RemoveRosterEntry:
    return RemoveRosterEntry(**request)
