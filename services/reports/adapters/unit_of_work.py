from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.reports.adapters.caseload_repositories import SqlCaseloadRepository
from services.reports.adapters.csr_ledger_repositories import SqlCsrLedgerRepository
from services.reports.adapters.delivery_outcome_repositories import SqlDeliveryOutcomeRepository
from services.reports.adapters.event_log_repositories import (SqlEventLogRepository,
                                                            SqlReadModelStore)
from services.reports.adapters.funding_outcome_repositories import SqlFundingOutcomeRepository
from services.reports.adapters.gathering_participation_repositories import SqlGatheringParticipationRepository
from services.reports.adapters.facility_use_repositories import SqlFacilityUseRepository
from services.reports.adapters.kpi_repositories import SqlKpiRepository
from services.reports.adapters.membership_repositories import SqlMembershipRepository
from services.reports.adapters.network_repositories import SqlNetworkRepository
from services.reports.adapters.personal_data_repositories import SqlPersonalDataRepository
from services.reports.adapters.report_job_repositories import SqlReportJobRepository
from services.reports.adapters.summary_repositories import SqlSummaryRepository
from services.reports.adapters.survey_repositories import (SqlDirectoryRepository,
                                                           SqlSurveyRepository)


class SqlReportsUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.summary = self.track(SqlSummaryRepository(session))
        self.facility_use = self.track(SqlFacilityUseRepository(session))
        self.membership = self.track(SqlMembershipRepository(session))
        self.caseload = self.track(SqlCaseloadRepository(session))
        self.networks = self.track(SqlNetworkRepository(session))
        self.csr = self.track(SqlCsrLedgerRepository(session))
        self.jobs = self.track(SqlReportJobRepository(session))
        self.event_log = SqlEventLogRepository(session)
        self.kpi = SqlKpiRepository(session)
        self.surveys = self.track(SqlSurveyRepository(session))
        self.directory = self.track(SqlDirectoryRepository(session))
        self.gatherings = self.track(SqlGatheringParticipationRepository(session))
        self.funding = SqlFundingOutcomeRepository(session)
        self.deliveries = SqlDeliveryOutcomeRepository(session)
        self.read_models = SqlReadModelStore(session)
        self.personal_data = SqlPersonalDataRepository(session)

    def _commit(self, events):
        self.kpi.flush()  # facts buffered for a batched insert belong to this transaction
        super()._commit(events)
