"""The registry service: RPC for the gateway, health for the orchestrator."""
from services.common.audit_operations import AuditOperations
from services.common.erasure_contract import ErasedSchema, ErasePersonRequest
from services.common.nameko_operations import HealthEndpoints, MessagePruning
from services.common.nameko_persistence import Persistence
from services.common.nameko_rpc import rpc
from services.common.schema_loading import dump, load
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork
from services.registry.app import (associations, consultations, erasure, facilities, networks,
                                   organisations, rosters)
from services.registry.contract.events import PUBLISHED
from services.registry.contract.requests import (
    AddConsultationFollowUpRequest, AddRosterEntryRequest, AssociationsForNewcomerRequest,
    BookingIdRequest, ChangeConsultationStatusRequest, DeclareTieRequest, DeclineBookingRequest,
    DesignateFacilityManagerRequest, FreeSlotsRequest, GetConsultationRequest, GetFacilityRequest,
    GetNetworkRequest, ListBookingsRequest, ListConsultationsRequest, ListFacilitiesRequest,
    ListOrganisationsRequest, MembershipRateRequest, OpenConsultationRequest,
    OrganisationIdRequest, RecordHouseholdsRequest, RecordMemberHouseholdsRequest,
    ReferConsultationRequest, RegisterFacilityRequest, RegisterNewcomerInterestRequest,
    RegisterOrganisationRequest, RejectOrganisationRequest, RemoveRosterEntryRequest,
    RemoveTieRequest, RequestBookingRequest, SetAssociationAreaRequest, UpdateOrganisationRequest)
from services.registry.contract.responses import (
    AreaSchema, BookingPageSchema, BookingSchema, ConsultationPageSchema, ConsultationSchema,
    CoveringAssociationsSchema, FacilityPageSchema, FacilitySchema, FigureSchema, FreeSlotsSchema,
    MembershipRatesSchema, NetworkSchema, NewcomerInterestRegisteredSchema, OrganisationPageSchema,
    OrganisationSchema, RemovedSchema, RosterEntrySchema, RosterNamesSchema, RosterSchema, TieSchema)
from services.registry.entrypoints import commands

class Service(HealthEndpoints, MessagePruning, AuditOperations):
    name = "registry"
    subscription = None  # registry consumes no events
    uow = Persistence(SqlRegistryUnitOfWork, PUBLISHED, MESSAGING)

    @rpc
    def register_organisation(self, actor, request):
        command = commands.register_organisation(load(RegisterOrganisationRequest, request))
        organisation = organisations.register_organisation(self.uow, actor, command,
                                                           configured_city())
        return dump(OrganisationSchema, organisation)

    @rpc
    def update_organisation(self, actor, request):
        command = commands.update_organisation(load(UpdateOrganisationRequest, request))
        organisation = organisations.update_organisation(self.uow, actor, command,
                                                         configured_city())
        return dump(OrganisationSchema, organisation)

    @rpc
    def verify_organisation(self, actor, request):
        command = commands.review_organisation(load(OrganisationIdRequest, request))
        organisation = organisations.verify_organisation(self.uow, actor, command)
        return dump(OrganisationSchema, organisation)

    @rpc
    def reject_organisation(self, actor, request):
        command = commands.review_organisation(load(RejectOrganisationRequest, request))
        organisation = organisations.reject_organisation(self.uow, actor, command)
        return dump(OrganisationSchema, organisation)

    @rpc
    def get_organisation(self, actor, request):
        query = load(OrganisationIdRequest, request)
        organisation = organisations.get_organisation(self.uow, actor, query["organisation_id"])
        return dump(OrganisationSchema, organisation)

    @rpc
    def list_organisations(self, actor, request):
        query = commands.organisation_filter(load(ListOrganisationsRequest, request))
        page = organisations.list_organisations(self.uow, actor, query)
        return dump(OrganisationPageSchema, page)

    # --- facilities and bookings ------------------------------------------------------------

    @rpc
    def register_facility(self, actor, request):
        command = commands.register_facility(load(RegisterFacilityRequest, request))
        facility = facilities.register_facility(self.uow, actor, command, configured_city())
        return dump(FacilitySchema, facility)

    @rpc
    def designate_facility_manager(self, actor, request):
        command = commands.designate_manager(load(DesignateFacilityManagerRequest, request))
        facility = facilities.designate_manager(self.uow, actor, command)
        return dump(FacilitySchema, facility)

    @rpc
    def get_facility(self, actor, request):
        query = load(GetFacilityRequest, request)
        facility = facilities.get_facility(self.uow, query["facility_id"])
        return dump(FacilitySchema, facility)

    @rpc
    def list_facilities(self, actor, request):
        query = commands.facility_filter(load(ListFacilitiesRequest, request))
        page = facilities.list_facilities(self.uow, query)
        return dump(FacilityPageSchema, page)

    @rpc
    def request_booking(self, actor, request):
        command = commands.request_booking(load(RequestBookingRequest, request))
        booking = facilities.request_booking(self.uow, actor, command, configured_city())
        return dump(BookingSchema, booking)

    @rpc
    def confirm_booking(self, actor, request):
        command = commands.booking_decision(load(BookingIdRequest, request))
        booking = facilities.confirm_booking(self.uow, actor, command)
        return dump(BookingSchema, booking)

    @rpc
    def decline_booking(self, actor, request):
        command = commands.booking_decision(load(DeclineBookingRequest, request))
        booking = facilities.decline_booking(self.uow, actor, command)
        return dump(BookingSchema, booking)

    @rpc
    def cancel_booking(self, actor, request):
        command = commands.booking_decision(load(BookingIdRequest, request))
        booking = facilities.cancel_booking(self.uow, actor, command)
        return dump(BookingSchema, booking)

    @rpc
    def get_booking(self, actor, request):
        query = load(BookingIdRequest, request)
        booking = facilities.get_booking(self.uow, actor, query["booking_id"])
        return dump(BookingSchema, booking)

    @rpc
    def list_bookings(self, actor, request):
        query = commands.booking_filter(load(ListBookingsRequest, request))
        page = facilities.list_bookings(self.uow, actor, query)
        return dump(BookingPageSchema, page)

    @rpc
    def free_slots(self, actor, request):
        query = load(FreeSlotsRequest, request)
        free = facilities.free_slots(self.uow, query["room_id"], query["date"], configured_city())
        return dump(FreeSlotsSchema, free)

    # --- neighbourhood associations ---------------------------------------------------------

    @rpc
    def set_association_area(self, actor, request):
        command = commands.set_area(load(SetAssociationAreaRequest, request))
        area = associations.set_area(self.uow, actor, command, configured_city())
        return dump(AreaSchema, area)

    @rpc
    def record_households(self, actor, request):
        command = commands.record_households(load(RecordHouseholdsRequest, request))
        figure = associations.record_figure(self.uow, actor, command)
        return dump(FigureSchema, figure)

    @rpc
    def record_member_households(self, actor, request):
        command = commands.record_member_households(
            load(RecordMemberHouseholdsRequest, request))
        figure = associations.record_figure(self.uow, actor, command)
        return dump(FigureSchema, figure)

    @rpc
    def membership_rate(self, actor, request):
        query = commands.rate_query(load(MembershipRateRequest, request))
        rates = associations.membership_rates(self.uow, query)
        return dump(MembershipRatesSchema, rates)

    @rpc
    def associations_for_newcomer(self, actor, request):
        query = load(AssociationsForNewcomerRequest, request)
        found = associations.associations_for_newcomer(self.uow, query["region"], query["town"])
        return dump(CoveringAssociationsSchema, {"items": found})

    @rpc
    def register_newcomer_interest(self, actor, request):
        command = commands.newcomer_interest(load(RegisterNewcomerInterestRequest, request))
        result = associations.register_newcomer_interest(self.uow, actor, command)
        return dump(NewcomerInterestRegisteredSchema, result)

    # --- consultations (operators only) -----------------------------------------------------

    @rpc
    def open_consultation(self, actor, request):
        command = commands.open_consultation(load(OpenConsultationRequest, request))
        consultation = consultations.open_consultation(self.uow, actor, command)
        return dump(ConsultationSchema, consultation)

    @rpc
    def change_consultation_status(self, actor, request):
        command = commands.change_status(load(ChangeConsultationStatusRequest, request))
        consultation = consultations.change_status(self.uow, actor, command)
        return dump(ConsultationSchema, consultation)

    @rpc
    def add_consultation_follow_up(self, actor, request):
        command = commands.add_follow_up(load(AddConsultationFollowUpRequest, request))
        consultation = consultations.add_follow_up(self.uow, actor, command)
        return dump(ConsultationSchema, consultation)

    @rpc
    def refer_consultation(self, actor, request):
        command = commands.refer(load(ReferConsultationRequest, request))
        consultation = consultations.refer(self.uow, actor, command)
        return dump(ConsultationSchema, consultation)

    @rpc
    def get_consultation(self, actor, request):
        query = load(GetConsultationRequest, request)
        consultation = consultations.get_consultation(self.uow, actor, query["consultation_id"])
        return dump(ConsultationSchema, consultation)

    @rpc
    def list_consultations(self, actor, request):
        query = commands.consultation_filter(load(ListConsultationsRequest, request))
        page = consultations.list_consultations(self.uow, actor, query)
        return dump(ConsultationPageSchema, page)

    # --- networks ---------------------------------------------------------------------------

    @rpc
    def declare_tie(self, actor, request):
        command = commands.declare_tie(load(DeclareTieRequest, request))
        tie = networks.declare_tie(self.uow, actor, command)
        return dump(TieSchema, tie)

    @rpc
    def remove_tie(self, actor, request):
        command = commands.remove_tie(load(RemoveTieRequest, request))
        networks.remove_tie(self.uow, actor, command)
        return dump(RemovedSchema, {"removed": True})

    @rpc
    def get_network(self, actor, request):
        query = load(GetNetworkRequest, request)
        found = networks.get_network(self.uow, actor, query["organisation_id"], query["depth"])
        return dump(NetworkSchema, found)

    # --- rosters ----------------------------------------------------------------------------

    @rpc
    def add_roster_entry(self, actor, request):
        command = commands.add_roster_entry(load(AddRosterEntryRequest, request))
        entry = rosters.add_entry(self.uow, actor, command)
        return dump(RosterEntrySchema, entry)

    @rpc
    def remove_roster_entry(self, actor, request):
        command = commands.remove_roster_entry(load(RemoveRosterEntryRequest, request))
        rosters.remove_entry(self.uow, actor, command)
        return dump(RemovedSchema, {"removed": True})

    @rpc
    def get_roster(self, actor, request):
        query = load(OrganisationIdRequest, request)
        entries = rosters.get_roster(self.uow, actor, query["organisation_id"])
        return dump(RosterSchema, {"items": entries})

    @rpc
    def roster_display_names(self, actor, request):
        query = load(OrganisationIdRequest, request)
        entries = rosters.display_names(self.uow, actor, query["organisation_id"])
        return dump(RosterNamesSchema, {"items": entries})

    @rpc
    def my_memberships(self, actor, request):
        entries = rosters.my_memberships(self.uow, actor)
        return dump(RosterSchema, {"items": entries})

    @rpc
    def erase_person(self, actor, request):
        query = load(ErasePersonRequest, request)
        erased = erasure.erase_person(self.uow, actor, query["subject_id"])
        return dump(ErasedSchema, {"erased": erased})
