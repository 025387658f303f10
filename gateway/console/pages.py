"""A console page: a method and path under /console/, who may open it, and its handler.
A later screen adds a row here, a handler and a template."""
from dataclasses import dataclass
from typing import Callable

from gateway.console import (consultation_screens, facility_screens, login, needs_screens, operator_screens,
                             partner_screens)

OPERATORS, PARTNERS = ("operator",), ("partner",)


@dataclass(frozen=True)
class Page:
    name: str
    method: str
    path: str
    handler: Callable
    # None: anyone with a session; () on a page that needs no session (login, assets).
    roles: tuple[str, ...] | None = None

    @property
    def signed_in(self) -> bool:
        return self.roles != ()


PAGES: tuple[Page, ...] = (
    Page("consoleHome", "GET", "/console/", login.home),
    Page("consoleAsset", "GET", "/console/static/<name>", login.asset, roles=()),
    Page("consoleLoginForm", "GET", "/console/login", login.login_form, roles=()),
    Page("consoleLogin", "POST", "/console/login", login.log_in, roles=()),
    Page("consoleCodeForm", "GET", "/console/login/code", login.code_form),
    Page("consoleCode", "POST", "/console/login/code", login.check_code),
    Page("consoleLogout", "POST", "/console/logout", login.log_out),
    Page("consoleQueue", "GET", "/console/queue", operator_screens.work_queue, OPERATORS),
    Page("consoleOrganisations", "GET", "/console/organisations", operator_screens.organisations,
         OPERATORS),
    Page("consoleOrganisation", "GET", "/console/organisations/<organisation_id>",
         operator_screens.organisation, OPERATORS),
    Page("consoleVerifyOrganisation", "POST", "/console/organisations/<organisation_id>/verify",
         operator_screens.verify, OPERATORS),
    Page("consoleRejectOrganisation", "POST", "/console/organisations/<organisation_id>/reject",
         operator_screens.reject, OPERATORS),
    Page("consoleConsultations", "GET", "/console/consultations",
         consultation_screens.consultations, OPERATORS),
    Page("consoleConsultationForm", "GET", "/console/consultations/new",
         consultation_screens.consultation_form, OPERATORS),
    Page("consoleOpenConsultation", "POST", "/console/consultations",
         consultation_screens.open_consultation, OPERATORS),
    Page("consoleConsultation", "GET", "/console/consultations/<consultation_id>",
         consultation_screens.consultation, OPERATORS),
    Page("consoleReferConsultation", "POST", "/console/consultations/<consultation_id>/referrals",
         consultation_screens.refer, OPERATORS),
    Page("consoleOffers", "GET", "/console/offers", partner_screens.offers, PARTNERS),
    Page("consoleOfferForm", "GET", "/console/offers/new", partner_screens.offer_form, PARTNERS),
    Page("consolePostOffer", "POST", "/console/offers", partner_screens.post_offer, PARTNERS),
    Page("consoleOffer", "GET", "/console/offers/<offer_id>", partner_screens.offer, PARTNERS),
    # needs, candidates and batch assignment; facilities, rooms and bookings
    Page("consoleNeeds", "GET", "/console/needs", needs_screens.needs, OPERATORS),
    Page("consoleAssignForm", "GET", "/console/needs/assign", needs_screens.assign_form, OPERATORS),
    Page("consoleAssignPreview", "POST", "/console/needs/assign/preview", needs_screens.assign_preview,
         OPERATORS),
    Page("consoleAssignConfirm", "POST", "/console/needs/assign", needs_screens.assign_confirm, OPERATORS),
    Page("consoleNeed", "GET", "/console/needs/<need_id>", needs_screens.need, OPERATORS),
    Page("consoleProposeMatch", "POST", "/console/needs/<need_id>/matches", needs_screens.propose,
         OPERATORS),
    Page("consoleEndNeed", "POST", "/console/needs/<need_id>/close", needs_screens.end, OPERATORS),
    Page("consoleFacilities", "GET", "/console/facilities", facility_screens.facilities, OPERATORS),
    Page("consoleFacility", "GET", "/console/facilities/<facility_id>", facility_screens.facility,
         OPERATORS),
    Page("consoleRoom", "GET", "/console/facilities/<facility_id>/rooms/<room_id>", facility_screens.room,
         OPERATORS),
    Page("consoleBookRoom", "POST", "/console/facilities/<facility_id>/rooms/<room_id>/bookings",
         facility_screens.book, OPERATORS),
    Page("consoleConfirmBooking", "POST", "/console/bookings/<booking_id>/confirm",
         facility_screens.confirm_booking, OPERATORS),
    Page("consoleDeclineBooking", "POST", "/console/bookings/<booking_id>/decline",
         facility_screens.decline_booking, OPERATORS),
)

# The menu each role sees: (page name, text key).
MENUS: dict[str, tuple[tuple[str, str], ...]] = {
    "operator": (("/console/queue", "queue_title"), ("/console/organisations", "organisations_title"),
                 ("/console/consultations", "consultations_title"), ("/console/needs", "needs_title"),
                 ("/console/facilities", "facilities_title")),
    "partner": (("/console/offers", "offers_title"), ("/console/offers/new", "new_offer")),
}
