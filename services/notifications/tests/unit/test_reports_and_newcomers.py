"""A finished report reaches whoever asked for it; a newcomer's wish reaches the association."""
import uuid
from datetime import datetime, timezone

from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.notifications.app.event_handlers import EVENT_HANDLERS
from services.notifications.domain.contact_address import ContactAddress
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork


def deliver(uow, event_type, producer, payload):
    envelope = Envelope(event_type, 1, producer, payload, "corr").as_dict()
    assert apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS[event_type])


def test_the_requester_hears_their_report_is_ready_with_a_link_to_the_job():
    uow = MemoryNotificationsUnitOfWork()
    partner = f"partner:{uuid.uuid4()}"
    uow.addresses.add(ContactAddress("a-1", partner, "email", "csr@example.jp",
                                         datetime.now(timezone.utc), datetime.now(timezone.utc)))
    job_id = str(uuid.uuid4())
    deliver(uow, "reports.report_ready", "reports", {
        "job_id": job_id, "requested_by": partner, "report_kind": "partner_annual_csr",
        "fiscal_year": 2025, "formats": ["pdf", "xlsx"]})
    [message] = uow.messages.rows.values()
    assert message.recipient_id == partner
    assert message.link == f"/api/v1/reports/jobs/{job_id}"
    assert message.title.startswith("レポートの準備ができました: 事業者別CSR年次報告")
    assert "2025年度" in message.body and "PDF・XLSX" in message.body
    [delivery] = uow.deliveries.rows.values()
    assert delivery.channel == "email" and delivery.target_id == "a-1"


def test_an_unknown_report_kind_without_a_year_still_reads_well():
    uow = MemoryNotificationsUnitOfWork()
    deliver(uow, "reports.report_ready", "reports", {
        "job_id": str(uuid.uuid4()), "requested_by": "operator:key-1", "report_kind": "new_kind",
        "fiscal_year": None, "formats": ["csv"]})
    [message] = uow.messages.rows.values()
    assert message.recipient_id == "operator:key-1"
    assert "new_kind" in message.title and "年度" not in message.body


def test_a_newcomers_interest_reaches_the_association_by_name_of_place():
    uow = MemoryNotificationsUnitOfWork()
    association = str(uuid.uuid4())
    deliver(uow, "registry.newcomer_interest_registered", "registry", {
        "interest_id": str(uuid.uuid4()), "organisation_id": association, "region": "iwakuni",
        "town": "今津町"})
    [message] = uow.messages.rows.values()
    assert message.recipient_id == f"organisation:{association}"
    assert message.body.startswith("岩国今津町に転入された方から")
