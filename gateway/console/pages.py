"""A console page: a method and path under /console/, who may open it, and its handler.
A later screen adds a row here, a handler and a template."""
from dataclasses import dataclass
from typing import Callable

from gateway.console import (announcement_screens, circular_screens, consultation_screens, login,
                             operator_screens, partner_screens, survey_screens)

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
    # surveys, announcements and circulars
    Page("consoleSurveys", "GET", "/console/surveys", survey_screens.surveys, OPERATORS),
    Page("consoleSurveyForm", "GET", "/console/surveys/new", survey_screens.survey_form, OPERATORS),
    Page("consoleDefineSurvey", "POST", "/console/surveys", survey_screens.define_survey, OPERATORS),
    Page("consoleSurvey", "GET", "/console/surveys/<survey_id>", survey_screens.survey, OPERATORS),
    Page("consoleOpenSurvey", "POST", "/console/surveys/<survey_id>/open",
         survey_screens.open_survey, OPERATORS),
    Page("consoleCloseSurvey", "POST", "/console/surveys/<survey_id>/close",
         survey_screens.close_survey, OPERATORS),
    Page("consoleInviteToSurvey", "POST", "/console/surveys/<survey_id>/invitations",
         survey_screens.invite, OPERATORS),
    Page("consoleSurveyResults", "GET", "/console/surveys/<survey_id>/results",
         survey_screens.results, OPERATORS),
    Page("consoleAnnouncements", "GET", "/console/announcements",
         announcement_screens.announcements, OPERATORS),
    Page("consoleAnnouncementForm", "GET", "/console/announcements/new",
         announcement_screens.announcement_form, OPERATORS),
    Page("consolePublishAnnouncement", "POST", "/console/announcements",
         announcement_screens.publish, OPERATORS),
    Page("consoleAnnouncement", "GET", "/console/announcements/<announcement_id>",
         announcement_screens.announcement, OPERATORS),
    Page("consoleCirculars", "GET", "/console/circulars", circular_screens.circulars, OPERATORS),
    Page("consoleCircular", "GET", "/console/circulars/<circular_id>", circular_screens.circular,
         OPERATORS),
    Page("consoleCircularFile", "GET", "/console/circulars/<circular_id>/<name>",
         circular_screens.download, OPERATORS),
)

# The menu each role sees: (page name, text key).
MENUS: dict[str, tuple[tuple[str, str], ...]] = {
    "operator": (("/console/queue", "queue_title"), ("/console/organisations", "organisations_title"),
                 ("/console/consultations", "consultations_title"),
                 ("/console/surveys", "surveys_title"), ("/console/announcements", "announcements_title"),
                 ("/console/circulars", "circulars_title")),
    "partner": (("/console/offers", "offers_title"), ("/console/offers/new", "new_offer")),
}
