"""The SQL read models and the in-memory fakes both offer what reports' ports promise."""
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from services.reports.adapters.caseload_repositories import SqlCaseloadRepository
from services.reports.adapters.csr_ledger_repositories import SqlCsrLedgerRepository
from services.reports.adapters.event_log_repositories import (SqlEventLogRepository,
                                                            SqlReadModelStore)
from services.reports.adapters.facility_use_repositories import SqlFacilityUseRepository
from services.reports.adapters.kpi_repositories import SqlKpiRepository
from services.reports.adapters.membership_repositories import SqlMembershipRepository
from services.reports.adapters.network_repositories import SqlNetworkRepository
from services.reports.adapters.personal_data_repositories import SqlPersonalDataRepository
from services.reports.adapters.report_files.renderer import FileReportRenderer
from services.reports.adapters.report_job_repositories import SqlReportJobRepository
from services.reports.adapters.summary_repositories import SqlSummaryRepository
from services.reports.adapters.survey_repositories import (SqlDirectoryRepository,
                                                           SqlSurveyRepository)
from services.reports.adapters.tables import MESSAGING
from services.reports.adapters.unit_of_work import SqlReportsUnitOfWork
from services.reports.app.ports import (CaseloadRepository, CsrLedgerRepository, PersonalDataRepository,
                                        EventLogRepository, FacilityUseRepository,
                                        DirectoryRepository, KpiRepository, ReadModelStore,
                                        SurveyRepository,
                                        MembershipRepository, NetworkRepository,
                                        ReportJobRepository, ReportRenderer,
                                        ReportsUnitOfWork, SummaryRepository)
from services.reports.contract.events import PUBLISHED
from services.reports.tests.fakes import (MemoryCaseloadRepository, MemoryCsrLedgerRepository,
                                          MemoryEventLogRepository, MemoryFacilityUseRepository,
                                          MemoryDirectoryRepository, MemoryKpiRepository,
                                          MemoryReadModelStore, MemorySurveyRepository,
                                          MemoryMembershipRepository, MemoryNetworkRepository,
                                          MemoryReportJobRepository, MemoryReportsUnitOfWork,
                                          MemoryPersonalDataRepository, MemorySummaryRepository)
from services.reports.adapters.gathering_participation_repositories import SqlGatheringParticipationRepository
from services.reports.adapters.funding_outcome_repositories import SqlFundingOutcomeRepository
from services.reports.app.ports import (DeliveryOutcomeRepository, FundingOutcomeRepository,
                                        GatheringParticipationRepository)
from services.reports.tests.fakes import MemoryFundingOutcomeRepository, MemoryGatheringParticipationRepository
from services.reports.adapters.delivery_outcome_repositories import SqlDeliveryOutcomeRepository
from services.reports.tests.fakes import MemoryDeliveryOutcomeRepository
from tests.support.ports import attachment_mismatches, attribute_ports, mismatches

IMPLEMENTATIONS = [
    (DeliveryOutcomeRepository, SqlDeliveryOutcomeRepository),
    (DeliveryOutcomeRepository, MemoryDeliveryOutcomeRepository),
    (GatheringParticipationRepository, SqlGatheringParticipationRepository),
    (GatheringParticipationRepository, MemoryGatheringParticipationRepository),
    (FundingOutcomeRepository, SqlFundingOutcomeRepository),
    (FundingOutcomeRepository, MemoryFundingOutcomeRepository),
    (SummaryRepository, SqlSummaryRepository),
    (SummaryRepository, MemorySummaryRepository),
    (FacilityUseRepository, SqlFacilityUseRepository),
    (FacilityUseRepository, MemoryFacilityUseRepository),
    (MembershipRepository, SqlMembershipRepository),
    (MembershipRepository, MemoryMembershipRepository),
    (CaseloadRepository, SqlCaseloadRepository),
    (CaseloadRepository, MemoryCaseloadRepository),
    (NetworkRepository, SqlNetworkRepository),
    (NetworkRepository, MemoryNetworkRepository),
    (CsrLedgerRepository, SqlCsrLedgerRepository),
    (CsrLedgerRepository, MemoryCsrLedgerRepository),
    (ReportJobRepository, SqlReportJobRepository),
    (ReportJobRepository, MemoryReportJobRepository),
    (ReportRenderer, FileReportRenderer),
    (PersonalDataRepository, SqlPersonalDataRepository),
    (PersonalDataRepository, MemoryPersonalDataRepository),
    (EventLogRepository, SqlEventLogRepository),
    (EventLogRepository, MemoryEventLogRepository),
    (ReadModelStore, SqlReadModelStore),
    (KpiRepository, SqlKpiRepository),
    (KpiRepository, MemoryKpiRepository),
    (SurveyRepository, SqlSurveyRepository),
    (SurveyRepository, MemorySurveyRepository),
    (DirectoryRepository, SqlDirectoryRepository),
    (DirectoryRepository, MemoryDirectoryRepository),
    (ReadModelStore, MemoryReadModelStore),
    (ReportsUnitOfWork, SqlReportsUnitOfWork),
    (ReportsUnitOfWork, MemoryReportsUnitOfWork),
]


@pytest.mark.parametrize("port, implementation", IMPLEMENTATIONS,
                         ids=lambda v: getattr(v, "__name__", v))
def test_every_implementation_offers_its_port(port, implementation):
    assert mismatches(port, implementation) == []


def _sql_unit_of_work():
    return SqlReportsUnitOfWork(sessionmaker(create_engine("sqlite://")), "reports", PUBLISHED,
                                MESSAGING)


@pytest.mark.parametrize("make_uow", [_sql_unit_of_work, MemoryReportsUnitOfWork],
                         ids=["sql", "memory"])
def test_the_units_of_work_attach_every_repository_the_port_names(make_uow):
    ports = attribute_ports(ReportsUnitOfWork)
    assert set(ports) == {"summary", "facility_use", "membership", "caseload", "networks", "csr",
                          "jobs", "event_log", "read_models", "personal_data", "kpi",
                          "surveys", "directory", "gatherings", "funding", "deliveries", "inbox"}
    with make_uow() as uow:
        assert attachment_mismatches(uow, ReportsUnitOfWork) == []
