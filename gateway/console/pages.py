"""A console page: a method and path under /console/, who may open it, and its handler.
A later screen adds a row here, a handler and a template."""
from dataclasses import dataclass
from typing import Callable

from gateway.console import (consultation_screens, login, operator_screens, partner_ledger_screens,
                             partner_screens, partner_survey_screens)

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
    Page("consoleSurveys", "GET", "/console/surveys", partner_survey_screens.surveys, PARTNERS),
    Page("consoleSurvey", "GET", "/console/surveys/<survey_id>", partner_survey_screens.survey,
         PARTNERS),
    Page("consoleAnswerSurvey", "POST", "/console/surveys/<survey_id>", partner_survey_screens.answer,
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
    "operator": (("/console/queue", "queue_title"), ("/console/organisations", "organisations_title"),
                 ("/console/consultations", "consultations_title"),
                 ("/console/partners", "partners_title")),
    "partner": (("/console/offers", "offers_title"), ("/console/offers/new", "new_offer"),
                ("/console/ledger", "ledger_title"), ("/console/surveys", "partner_surveys_title"),
                ("/console/directory", "directory_title")),
}
