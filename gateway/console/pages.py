"""A console page: a method and path under /console/, who may open it, and its handler.
A later screen adds a row here, a handler and a template."""
from dataclasses import dataclass
from typing import Callable

from gateway.console import (api_key_screens, consultation_screens, dashboard_screens,
                             facility_screens, login, needs_screens, network_screens,
                             operations_screens, operator_screens, partner_ledger_screens,
                             partner_screens, partner_survey_screens, password_reset_screens)

OPERATORS, PARTNERS = ("operator",), ("partner",)
PARTNERS_AND_OPERATORS = ("partner", "operator")


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
    Page("consoleDeclareTie", "POST", "/console/organisations/<organisation_id>/ties",
         network_screens.declare, OPERATORS),
    Page("consoleRemoveTie", "POST", "/console/organisations/<organisation_id>/ties/<tie_id>/remove",
         network_screens.remove, OPERATORS),
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
    Page("consoleAssignConsultation", "POST", "/console/consultations/<consultation_id>/assign",
         consultation_screens.assign, OPERATORS),
    Page("consoleConsultationStatus", "POST", "/console/consultations/<consultation_id>/status",
         consultation_screens.change_status, OPERATORS),
    Page("consoleOffers", "GET", "/console/offers", partner_screens.offers, PARTNERS),
    Page("consoleOfferForm", "GET", "/console/offers/new", partner_screens.offer_form, PARTNERS),
    Page("consolePostOffer", "POST", "/console/offers", partner_screens.post_offer, PARTNERS),
    Page("consoleOffer", "GET", "/console/offers/<offer_id>", partner_screens.offer, PARTNERS),
    # operations (c-ops): dashboard, hours to approve, dead letters, webhook endpoints, API keys
    Page("consoleDashboard", "GET", "/console/dashboard", dashboard_screens.dashboard, OPERATORS),
    Page("consoleHours", "GET", "/console/hours", operations_screens.hours, OPERATORS),
    Page("consoleApproveHours", "POST", "/console/hours/approve", operations_screens.approve_hours,
         OPERATORS),
    Page("consoleDeadLetters", "GET", "/console/dead-letters", operations_screens.dead_letters,
         OPERATORS),
    Page("consoleReplayDeadLetter", "POST", "/console/dead-letters/<service>/<letter_id>/replay",
         operations_screens.replay_dead_letter, OPERATORS),
    Page("consoleWebhooks", "GET", "/console/webhooks", operations_screens.webhooks, OPERATORS),
    Page("consoleWebhook", "GET", "/console/webhooks/<endpoint_id>", operations_screens.webhook,
         OPERATORS),
    Page("consoleEnableWebhook", "POST", "/console/webhooks/<endpoint_id>/enable",
         operations_screens.enable_webhook, OPERATORS),
    Page("consoleReplayWebhookDelivery", "POST",
         "/console/webhooks/<endpoint_id>/deliveries/<delivery_id>/replay",
         operations_screens.replay_webhook_delivery, OPERATORS),
    Page("consoleApiKeys", "GET", "/console/api-keys", api_key_screens.api_keys, OPERATORS),
    Page("consoleApiKeyForm", "GET", "/console/api-keys/new", api_key_screens.api_key_form, OPERATORS),
    Page("consoleCreateApiKey", "POST", "/console/api-keys", api_key_screens.create_api_key,
         OPERATORS),
    Page("consoleRevokeApiKeyForm", "GET", "/console/api-keys/<key_id>/revoke",
         api_key_screens.revoke_form, OPERATORS),
    Page("consoleRevokeApiKey", "POST", "/console/api-keys/<key_id>/revoke", api_key_screens.revoke,
         OPERATORS),
    # password reset by e-mail (no session: the login form's CSRF cookie)
    Page("consolePasswordResetForm", "GET", "/console/password-reset",
         password_reset_screens.request_form, roles=()),
    Page("consolePasswordResetRequest", "POST", "/console/password-reset",
         password_reset_screens.request_link, roles=()),
    Page("consoleNewPasswordForm", "GET", "/console/password-reset/<token>",
         password_reset_screens.new_password_form, roles=()),
    Page("consoleSetNewPassword", "POST", "/console/password-reset/<token>",
         password_reset_screens.set_password, roles=()),
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
    # Partners: editing, closing and fulfilling an offer; the ledger and annual report; surveys;
    # the public directory. Operators: partners and one partner's ledger and reports.
    Page("consoleOfferEditForm", "GET", "/console/offers/<offer_id>/edit", partner_screens.edit_form,
         PARTNERS),
    Page("consoleUpdateOffer", "POST", "/console/offers/<offer_id>", partner_screens.update_offer,
         PARTNERS),
    Page("consoleCloseOffer", "POST", "/console/offers/<offer_id>/close", partner_screens.close_offer,
         PARTNERS),
    Page("consoleFulfilmentForm", "GET", "/console/offers/<offer_id>/fulfilment",
         partner_screens.fulfilment_form, PARTNERS),
    Page("consoleFulfilOffer", "POST", "/console/offers/<offer_id>/fulfilment",
         partner_screens.fulfil_offer, PARTNERS),
    Page("consoleLedger", "GET", "/console/ledger", partner_ledger_screens.ledger, PARTNERS),
    Page("consoleRequestReport", "POST", "/console/ledger/reports",
         partner_ledger_screens.request_own_report, PARTNERS),
    Page("consoleReportJob", "GET", "/console/reports/<job_id>", partner_ledger_screens.report_job,
         PARTNERS_AND_OPERATORS),
    Page("consoleReportFile", "GET", "/console/reports/<job_id>/files/<format>",
         partner_ledger_screens.report_file, PARTNERS_AND_OPERATORS),
    Page("consoleMySurveys", "GET", "/console/my-surveys", partner_survey_screens.surveys, PARTNERS),
    Page("consoleMySurvey", "GET", "/console/my-surveys/<survey_id>", partner_survey_screens.survey,
         PARTNERS),
    Page("consoleAnswerMySurvey", "POST", "/console/my-surveys/<survey_id>", partner_survey_screens.answer,
         PARTNERS),
    Page("consoleDirectory", "GET", "/console/directory", partner_ledger_screens.directory, PARTNERS),
    Page("consoleConsentToDirectory", "POST", "/console/directory",
         partner_ledger_screens.consent_to_directory, PARTNERS),
    Page("consoleWithdrawFromDirectory", "POST", "/console/directory/withdraw",
         partner_ledger_screens.withdraw_from_directory, PARTNERS),
    Page("consolePartners", "GET", "/console/partners", partner_ledger_screens.partners, OPERATORS),
    Page("consolePartner", "GET", "/console/partners/<partner_id>", partner_ledger_screens.partner,
         OPERATORS),
    Page("consoleRequestPartnerReport", "POST", "/console/partners/<partner_id>/reports",
         partner_ledger_screens.request_report, OPERATORS),
)

# The menu each role sees: (page name, text key).
MENUS: dict[str, tuple[tuple[str, str], ...]] = {
    "operator": (("/console/queue", "queue_title"), ("/console/dashboard", "dashboard_title"),
                 ("/console/organisations", "organisations_title"),
                 ("/console/consultations", "consultations_title"), ("/console/needs", "needs_title"),
                 ("/console/facilities", "facilities_title"), ("/console/hours", "hours_title"),
                 ("/console/partners", "partners_title"),
                 ("/console/dead-letters", "dead_letters_title"),
                 ("/console/webhooks", "webhooks_title"), ("/console/api-keys", "api_keys_title")),
    "partner": (("/console/offers", "offers_title"), ("/console/offers/new", "new_offer"),
                ("/console/ledger", "ledger_title"), ("/console/my-surveys", "partner_surveys_title"),
                ("/console/directory", "directory_title")),
}
