"""The reports service: plan-progress figures and CSR ledgers from everyone's events, and the
worker that generates requested reports."""
from functools import partial

from services.common.audit_operations import AuditOperations
from services.common.erasure_contract import ErasedSchema, ErasePersonRequest
from services.common.event_handling import apply_batch
from services.common.files import file_reply
from services.common.nameko_events import consume_event_batches
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints, MessagePruning
from services.common.nameko_persistence import Persistence
from services.common.nameko_rpc import rpc
from services.common.pagination import decode_cursor
from services.common.schema_loading import load
from services.common.topology import Subscription
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app import (caseload, csr_ledger, directory, erasure, facility_use, kpi,
                                  membership, networks, replay, report_jobs, summary, surveys)
from services.reports.app import delivery_outcomes, funding_outcomes, gathering_participation
from services.reports.contract.delivery_requests import DeliveryCountsRequest
from services.reports.contract.delivery_responses import DeliveryCountsSchema
from services.reports.app.event_handlers import EVENT_HANDLERS
from services.reports.contract.participation_requests import FundingOutcomesRequest, GatheringParticipationRequest
from services.reports.contract.participation_responses import FundingOutcomesSchema, GatheringParticipationSchema
from services.reports.contract.events import PUBLISHED
from services.reports.contract.requests import (AnswerRequest, DefineIndicatorRequest,
                                                DefineSurveyRequest, DirectoryConsentRequest,
                                                DrillDownRequest, InviteRequest, PartnerRequest,
                                                ListSurveysRequest, SurveyIdRequest,
                                                GetCaseloadRequest, GetFacilityUseRequest,
                                                GetMembershipRequest, GetPartnerLedgerRequest,
                                                IndicatorRequest, ListReportJobsRequest,
                                                PlanProgressRequest,
                                                ReportFileRequest, ReportJobRequest,
                                                RequestReportRequest, SetHeadcountRequest,
                                                SetTargetRequest)
from services.reports.contract.responses import (CaseloadSchema, DirectoryEntrySchema,
                                                 DirectorySchema, DrillDownSchema,
                                                 InvitationsSchema, SurveyAnswerSchema,
                                                 SurveyListSchema, SurveyResultsSchema,
                                                 SurveySchema, WithdrawnSchema,
                                                 FacilityUseReportSchema, HeadcountSchema,
                                                 IndicatorHistorySchema, IndicatorVersionSchema,
                                                 MeasureCatalogueSchema, MembershipReportSchema,
                                                 NetworkFiguresSchema, PartnerLedgerSchema,
                                                 PlanProgressSchema, ReportJobListSchema,
                                                 ReportJobSchema,
                                                 SummarySchema)
from services.reports.domain.kpi import CATALOGUE
from services.reports.entrypoints import commands
from services.reports.entrypoints.consumed_events import CONSUMED

# The worker's handler needs the renderer and settings: bound here, where adapters may be named.
HANDLERS = {**EVENT_HANDLERS, "reports.report_requested": partial(
    report_jobs.on_report_requested, generation=commands.generation())}


def _recorded_handler(envelope):
    """Each event is logged with its effect, so a replay rebuilds exactly what this did."""
    return replay.recorded(HANDLERS[envelope["type"]], envelope["type"], envelope["version"],
                           envelope["occurred_at"], envelope["payload"])


class Service(HealthEndpoints, DeadLetterOperations, MessagePruning, AuditOperations):
    name = "reports"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(SqlReportsUnitOfWork, PUBLISHED, MESSAGING)

    @consume_event_batches(CONSUMED)
    def handle_events(self, events):
        apply_batch(self.uow, events, _recorded_handler)

    @rpc
    def get_summary(self, actor, request):
        return SummarySchema().dump(summary.summary(self.uow))

    @rpc
    def get_facility_use(self, actor, request):
        query = commands.facility_use_query(load(GetFacilityUseRequest(), request))
        rows = facility_use.facility_use(self.uow, query)
        return FacilityUseReportSchema().dump({"facilities": rows})

    @rpc
    def get_membership(self, actor, request):
        query = commands.membership_query(load(GetMembershipRequest(), request))
        as_of, regions = membership.membership(self.uow, query)
        return MembershipReportSchema().dump({"as_of": as_of, "regions": regions})

    @rpc
    def get_caseload(self, actor, request):
        query = commands.caseload_query(load(GetCaseloadRequest(), request))
        return CaseloadSchema().dump(caseload.caseload(self.uow, actor, query))

    @rpc
    def get_gathering_participation(self, actor, request):
        query = load(GatheringParticipationRequest(), request)
        found = gathering_participation.gathering_participation(self.uow, actor, query["fiscal_year"])
        return GatheringParticipationSchema().dump(found)

    @rpc
    def get_funding_outcomes(self, actor, request):
        query = load(FundingOutcomesRequest(), request)
        found = funding_outcomes.funding_outcomes(self.uow, actor, query["fiscal_year"])
        return FundingOutcomesSchema().dump(found)

    @rpc
    def get_delivery_counts(self, actor, request):
        query = load(DeliveryCountsRequest(), request)
        found = delivery_outcomes.delivery_counts(self.uow, actor, query["from_"], query["to"])
        return DeliveryCountsSchema().dump({"from_": query["from_"], "to": query["to"], "items": found})

    @rpc
    def get_network_figures(self, actor, request):
        return NetworkFiguresSchema().dump(networks.network_figures(self.uow))

    @rpc
    def get_partner_ledger(self, actor, request):
        query = commands.ledger_query(load(GetPartnerLedgerRequest(), request))
        return PartnerLedgerSchema().dump(csr_ledger.partner_ledger(self.uow, actor, query))

    @rpc
    def set_partner_headcount(self, actor, request):
        loaded = load(SetHeadcountRequest(), request)
        headcount = csr_ledger.set_headcount(self.uow, actor, **loaded)
        return HeadcountSchema().dump({"partner_id": loaded["partner_id"], "headcount": headcount})

    @rpc
    def request_report(self, actor, request):
        command = commands.request_report(load(RequestReportRequest(), request))
        return ReportJobSchema().dump(report_jobs.request_report(self.uow, actor, command))

    @rpc
    def list_report_jobs(self, actor, request):
        loaded = load(ListReportJobsRequest(), request)
        return ReportJobListSchema().dump({"items": report_jobs.recent_jobs(self.uow, actor,
                                                                            loaded["limit"])})

    @rpc
    def get_report_job(self, actor, request):
        loaded = load(ReportJobRequest(), request)
        return ReportJobSchema().dump(report_jobs.job(self.uow, actor, loaded["job_id"]))

    @rpc
    def get_report_file(self, actor, request):
        loaded = load(ReportFileRequest(), request)
        found = report_jobs.report_file(self.uow, actor, loaded["job_id"], loaded["format"])
        return file_reply(found.content, found.content_type, found.filename)

    @rpc
    def list_measures(self, actor, request):
        return MeasureCatalogueSchema().dump({"measures": list(CATALOGUE.values())})

    @rpc
    def define_indicator(self, actor, request):
        command = commands.define_indicator(load(DefineIndicatorRequest(), request))
        return IndicatorVersionSchema().dump(kpi.define_indicator(self.uow, actor, command))

    @rpc
    def set_indicator_target(self, actor, request):
        loaded = load(SetTargetRequest(), request)
        return IndicatorVersionSchema().dump(kpi.set_target(self.uow, actor, **loaded))

    @rpc
    def get_indicator_history(self, actor, request):
        loaded = load(IndicatorRequest(), request)
        versions = kpi.indicator_history(self.uow, actor, loaded["code"])
        return IndicatorHistorySchema().dump({"versions": versions})

    @rpc
    def get_plan_progress(self, actor, request):
        query = commands.progress_query(load(PlanProgressRequest(), request))
        return PlanProgressSchema().dump(kpi.plan_progress_answer(self.uow, query))

    @rpc
    def get_indicator_events(self, actor, request):
        query = commands.drill_down(load(DrillDownRequest(), request))
        indicator, events = kpi.drill_down(self.uow, query)
        return DrillDownSchema().dump({"indicator": indicator, "fiscal_year": query.fiscal_year,
                                       "region": query.region, "events": events})

    @rpc
    def define_survey(self, actor, request):
        command = commands.define_survey(load(DefineSurveyRequest(), request))
        return SurveySchema().dump(surveys.define_survey(self.uow, actor, command))

    @rpc
    def list_surveys(self, actor, request):
        wanted = load(ListSurveysRequest(), request)
        return SurveyListSchema().dump(surveys.list_surveys(
            self.uow, actor, wanted.get("status"), decode_cursor(wanted.get("cursor")), wanted["limit"]))

    @rpc
    def get_survey(self, actor, request):
        loaded = load(SurveyIdRequest(), request)
        return SurveySchema().dump(surveys.get_survey(self.uow, actor, loaded["survey_id"]))

    @rpc
    def open_survey(self, actor, request):
        loaded = load(SurveyIdRequest(), request)
        return SurveySchema().dump(surveys.open_survey(self.uow, actor, loaded["survey_id"]))

    @rpc
    def close_survey(self, actor, request):
        loaded = load(SurveyIdRequest(), request)
        return SurveySchema().dump(surveys.close_survey(self.uow, actor, loaded["survey_id"]))

    @rpc
    def invite_to_survey(self, actor, request):
        loaded = load(InviteRequest(), request)
        invited = surveys.invite(self.uow, actor, loaded["survey_id"], loaded["partner_ids"])
        return InvitationsSchema().dump({"survey_id": loaded["survey_id"], "invited": invited})

    @rpc
    def answer_survey(self, actor, request):
        command = commands.answer(load(AnswerRequest(), request))
        return SurveyAnswerSchema().dump(surveys.answer(self.uow, actor, command))

    @rpc
    def get_my_answer(self, actor, request):
        loaded = load(SurveyIdRequest(), request)
        return SurveyAnswerSchema().dump(surveys.my_answer(self.uow, actor, loaded["survey_id"]))

    @rpc
    def get_survey_results(self, actor, request):
        loaded = load(SurveyIdRequest(), request)
        found = surveys.survey_results(self.uow, actor, loaded["survey_id"])
        return SurveyResultsSchema().dump(found)

    @rpc
    def consent_to_directory(self, actor, request):
        loaded = load(DirectoryConsentRequest(), request)
        return DirectoryEntrySchema().dump(directory.consent(self.uow, actor, **loaded))

    @rpc
    def withdraw_from_directory(self, actor, request):
        loaded = load(PartnerRequest(), request)
        directory.withdraw(self.uow, actor, loaded["partner_id"])
        return WithdrawnSchema().dump({"partner_id": loaded["partner_id"], "listed": False})

    @rpc
    def get_directory(self, actor, request):
        return DirectorySchema().dump({"items": directory.public_directory(self.uow)})

    @rpc
    def erase_person(self, actor, request):
        query = load(ErasePersonRequest(), request)
        erased = erasure.erase_person(self.uow, actor, query["subject_id"])
        return ErasedSchema().dump({"erased": erased})
