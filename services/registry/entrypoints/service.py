"""The registry service: RPC for the gateway, health for the orchestrator."""
from services.common.actor import Actor
from services.common.nameko_errors import rpc
from services.common.nameko_operations import HealthEndpoints
from services.common.nameko_persistence import Persistence
from services.common.schema_loading import load
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.adapters.unit_of_work import RegistryUnitOfWork
from services.registry.app import (associations, consultations, facilities, networks,
                                   organisations, rosters)
from services.registry.entrypoints.association_schemas import (
    AreaRequestSchema, AreaSchema, CoveringAssociationsSchema, FigureSchema,
    HouseholdsRequestSchema, MemberHouseholdsRequestSchema, MembershipRatesSchema,
    NewcomerInterestRegisteredSchema, NewcomerInterestSchema, NewcomerQuerySchema,
    RateQuerySchema)
from services.registry.entrypoints.consultation_schemas import (
    ConsultationIdSchema, ConsultationPageSchema, ConsultationQuerySchema, ConsultationSchema,
    FollowUpRequestSchema, OpenConsultationSchema, ReferralRequestSchema, StatusRequestSchema)
from services.registry.entrypoints.event_contracts import PUBLISHED
from services.registry.entrypoints.roster_schemas import (RosterEntryIdSchema,
                                                          RosterEntryRequestSchema,
                                                          RosterEntrySchema, RosterSchema)
from services.registry.entrypoints.network_schemas import (NetworkQuerySchema, NetworkSchema,
                                                           RemovedSchema, TieIdSchema,
                                                           TieRequestSchema, TieSchema)
from services.registry.entrypoints.facility_schemas import (
    BookingDecisionSchema, BookingIdSchema, BookingPageSchema, BookingQuerySchema, BookingSchema,
    DeclineRequestSchema, DesignateManagerRequestSchema, FacilityIdSchema, FacilityPageSchema,
    FacilityQuerySchema, FacilitySchema, FreeSlotsQuerySchema, FreeSlotsSchema,
    RegisterFacilitySchema, RequestBookingSchema)
from services.registry.entrypoints.schemas import (OrganisationIdSchema, OrganisationPageSchema,
                                                   OrganisationQuerySchema, OrganisationSchema,
                                                   RegisterOrganisationSchema, RejectRequestSchema,
                                                   ReviewRequestSchema,
                                                   UpdateOrganisationRequestSchema)


class Service(HealthEndpoints):
    name = "registry"
    subscription = None  # registry consumes no events
    uow = Persistence(RegistryUnitOfWork, PUBLISHED, MESSAGING)

    @rpc
    def register_organisation(self, actor, request):
        command = load(RegisterOrganisationSchema(), request)
        organisation = organisations.register_organisation(
            self.uow, Actor.from_dict(actor), command, configured_city())
        return OrganisationSchema().dump(organisation)

    @rpc
    def update_organisation(self, actor, request):
        command = load(UpdateOrganisationRequestSchema(), request)
        organisation = organisations.update_organisation(
            self.uow, Actor.from_dict(actor), command, configured_city())
        return OrganisationSchema().dump(organisation)

    @rpc
    def verify_organisation(self, actor, request):
        command = load(ReviewRequestSchema(), request)
        organisation = organisations.verify_organisation(self.uow, Actor.from_dict(actor), command)
        return OrganisationSchema().dump(organisation)

    @rpc
    def reject_organisation(self, actor, request):
        command = load(RejectRequestSchema(), request)
        organisation = organisations.reject_organisation(self.uow, Actor.from_dict(actor), command)
        return OrganisationSchema().dump(organisation)

    @rpc
    def get_organisation(self, actor, request):
        query = load(OrganisationIdSchema(), request)
        organisation = organisations.get_organisation(
            self.uow, Actor.from_dict(actor), query["organisation_id"])
        return OrganisationSchema().dump(organisation)

    @rpc
    def list_organisations(self, actor, request):
        query = load(OrganisationQuerySchema(), request)
        page = organisations.list_organisations(self.uow, Actor.from_dict(actor), query)
        return OrganisationPageSchema().dump(page)

    # --- facilities and bookings ------------------------------------------------------------

    @rpc
    def register_facility(self, actor, request):
        command = load(RegisterFacilitySchema(), request)
        facility = facilities.register_facility(
            self.uow, Actor.from_dict(actor), command, configured_city())
        return FacilitySchema().dump(facility)

    @rpc
    def designate_facility_manager(self, actor, request):
        command = load(DesignateManagerRequestSchema(), request)
        facility = facilities.designate_manager(self.uow, Actor.from_dict(actor), command)
        return FacilitySchema().dump(facility)

    @rpc
    def get_facility(self, actor, request):
        query = load(FacilityIdSchema(), request)
        return FacilitySchema().dump(facilities.get_facility(self.uow, query["facility_id"]))

    @rpc
    def list_facilities(self, actor, request):
        query = load(FacilityQuerySchema(), request)
        return FacilityPageSchema().dump(facilities.list_facilities(self.uow, query))

    @rpc
    def request_booking(self, actor, request):
        command = load(RequestBookingSchema(), request)
        booking = facilities.request_booking(
            self.uow, Actor.from_dict(actor), command, configured_city())
        return BookingSchema().dump(booking)

    @rpc
    def confirm_booking(self, actor, request):
        command = load(BookingDecisionSchema(), request)
        booking = facilities.confirm_booking(self.uow, Actor.from_dict(actor), command)
        return BookingSchema().dump(booking)

    @rpc
    def decline_booking(self, actor, request):
        command = load(DeclineRequestSchema(), request)
        booking = facilities.decline_booking(self.uow, Actor.from_dict(actor), command)
        return BookingSchema().dump(booking)

    @rpc
    def cancel_booking(self, actor, request):
        command = load(BookingDecisionSchema(), request)
        booking = facilities.cancel_booking(self.uow, Actor.from_dict(actor), command)
        return BookingSchema().dump(booking)

    @rpc
    def get_booking(self, actor, request):
        query = load(BookingIdSchema(), request)
        booking = facilities.get_booking(self.uow, Actor.from_dict(actor), query["booking_id"])
        return BookingSchema().dump(booking)

    @rpc
    def list_bookings(self, actor, request):
        query = load(BookingQuerySchema(), request)
        page = facilities.list_bookings(self.uow, Actor.from_dict(actor), query)
        return BookingPageSchema().dump(page)

    @rpc
    def free_slots(self, actor, request):
        query = load(FreeSlotsQuerySchema(), request)
        free = facilities.free_slots(self.uow, query["room_id"], query["date"], configured_city())
        return FreeSlotsSchema().dump(free)

    # --- neighbourhood associations ---------------------------------------------------------

    @rpc
    def set_association_area(self, actor, request):
        command = load(AreaRequestSchema(), request)
        area = associations.set_area(self.uow, Actor.from_dict(actor), command, configured_city())
        return AreaSchema().dump(area)

    @rpc
    def record_households(self, actor, request):
        command = load(HouseholdsRequestSchema(), request)
        figure = associations.record_figure(self.uow, Actor.from_dict(actor), command)
        return FigureSchema().dump(figure)

    @rpc
    def record_member_households(self, actor, request):
        command = load(MemberHouseholdsRequestSchema(), request)
        figure = associations.record_figure(self.uow, Actor.from_dict(actor), command)
        return FigureSchema().dump(figure)

    @rpc
    def membership_rate(self, actor, request):
        query = load(RateQuerySchema(), request)
        return MembershipRatesSchema().dump(associations.membership_rates(self.uow, query))

    @rpc
    def associations_for_newcomer(self, actor, request):
        query = load(NewcomerQuerySchema(), request)
        found = associations.associations_for_newcomer(self.uow, query["region"], query["town"])
        return CoveringAssociationsSchema().dump({"items": found})

    @rpc
    def register_newcomer_interest(self, actor, request):
        command = load(NewcomerInterestSchema(), request)
        result = associations.register_newcomer_interest(
            self.uow, Actor.from_dict(actor), command)
        return NewcomerInterestRegisteredSchema().dump(result)

    # --- consultations (operators only) -----------------------------------------------------

    @rpc
    def open_consultation(self, actor, request):
        command = load(OpenConsultationSchema(), request)
        consultation = consultations.open_consultation(self.uow, Actor.from_dict(actor), command)
        return ConsultationSchema().dump(consultation)

    @rpc
    def change_consultation_status(self, actor, request):
        command = load(StatusRequestSchema(), request)
        consultation = consultations.change_status(self.uow, Actor.from_dict(actor), command)
        return ConsultationSchema().dump(consultation)

    @rpc
    def add_consultation_follow_up(self, actor, request):
        command = load(FollowUpRequestSchema(), request)
        consultation = consultations.add_follow_up(self.uow, Actor.from_dict(actor), command)
        return ConsultationSchema().dump(consultation)

    @rpc
    def refer_consultation(self, actor, request):
        command = load(ReferralRequestSchema(), request)
        consultation = consultations.refer(self.uow, Actor.from_dict(actor), command)
        return ConsultationSchema().dump(consultation)

    @rpc
    def get_consultation(self, actor, request):
        query = load(ConsultationIdSchema(), request)
        consultation = consultations.get_consultation(
            self.uow, Actor.from_dict(actor), query["consultation_id"])
        return ConsultationSchema().dump(consultation)

    @rpc
    def list_consultations(self, actor, request):
        query = load(ConsultationQuerySchema(), request)
        page = consultations.list_consultations(self.uow, Actor.from_dict(actor), query)
        return ConsultationPageSchema().dump(page)

    # --- networks ---------------------------------------------------------------------------

    @rpc
    def declare_tie(self, actor, request):
        command = load(TieRequestSchema(), request)
        return TieSchema().dump(networks.declare_tie(self.uow, Actor.from_dict(actor), command))

    @rpc
    def remove_tie(self, actor, request):
        command = load(TieIdSchema(), request)
        networks.remove_tie(self.uow, Actor.from_dict(actor), command)
        return RemovedSchema().dump({"removed": True})

    @rpc
    def get_network(self, actor, request):
        query = load(NetworkQuerySchema(), request)
        found = networks.get_network(self.uow, Actor.from_dict(actor), query["organisation_id"],
                                     query["depth"])
        return NetworkSchema().dump(found)

    # --- rosters ----------------------------------------------------------------------------

    @rpc
    def add_roster_entry(self, actor, request):
        command = load(RosterEntryRequestSchema(), request)
        entry = rosters.add_entry(self.uow, Actor.from_dict(actor), command)
        return RosterEntrySchema().dump(entry)

    @rpc
    def remove_roster_entry(self, actor, request):
        command = load(RosterEntryIdSchema(), request)
        rosters.remove_entry(self.uow, Actor.from_dict(actor), command)
        return RemovedSchema().dump({"removed": True})

    @rpc
    def get_roster(self, actor, request):
        query = load(OrganisationIdSchema(), request)
        entries = rosters.get_roster(self.uow, Actor.from_dict(actor), query["organisation_id"])
        return RosterSchema().dump({"items": entries})

    @rpc
    def my_memberships(self, actor, request):
        entries = rosters.my_memberships(self.uow, Actor.from_dict(actor))
        return RosterSchema().dump({"items": entries})
