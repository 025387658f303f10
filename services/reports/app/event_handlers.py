"""Which use case each consumed event runs."""
from services.reports.app import (caseload, csr_ledger, facility_use, membership, networks,
                                  summary)
from services.reports.app import delivery_outcomes, funding_outcomes, gathering_participation


def _on_need_posted(uow, event_id: str, payload: dict) -> None:
    """One need feeds the regional summary and the ledger's regions and SDGs."""
    summary.on_need_posted(uow, event_id, payload)
    csr_ledger.on_need_posted(uow, event_id, payload)


EVENT_HANDLERS = {
    "registry.organisation_registered": summary.on_organisation_registered,
    "registry.organisation_verified": summary.on_organisation_verified,
    "registry.organisation_rejected": summary.on_organisation_rejected,
    "registry.organisation_updated": summary.on_organisation_updated,
    "matching.need_posted": _on_need_posted,
    "matching.talent_registered": csr_ledger.on_talent_registered,
    "matching.talent_updated": csr_ledger.on_talent_updated,
    "matching.match_completed": csr_ledger.on_match_completed,
    "matching.offer_posted": csr_ledger.on_offer_posted,
    "matching.offer_updated": csr_ledger.on_offer_updated,
    "matching.offer_fulfilled": csr_ledger.on_offer_fulfilled,
    "registry.facility_registered": facility_use.on_facility_registered,
    "registry.facility_manager_designated": facility_use.on_facility_manager_designated,
    "registry.booking_requested": facility_use.on_booking_event,
    "registry.booking_confirmed": facility_use.on_booking_event,
    "registry.booking_declined": facility_use.on_booking_event,
    "registry.booking_cancelled": facility_use.on_booking_event,
    "registry.membership_rate_recalculated": membership.on_membership_rate_recalculated,
    "registry.newcomer_interest_registered": membership.on_newcomer_interest_registered,
    "registry.consultation_opened": caseload.on_consultation_opened,
    "registry.consultation_status_changed": caseload.on_consultation_status_changed,
    "registry.consultation_followed_up": caseload.on_consultation_followed_up,
    "registry.consultation_referred": caseload.on_consultation_referred,
    "registry.organisation_tie_declared": networks.on_tie_declared,
    "registry.organisation_tie_removed": networks.on_tie_removed,
    "registry.roster_entry_added": networks.on_roster_entry_added,
    "registry.roster_entry_removed": networks.on_roster_entry_removed,
    "matching.gathering_created": gathering_participation.on_gathering_created,
    "matching.gathering_updated": gathering_participation.on_gathering_updated,
    "matching.gathering_cancelled": gathering_participation.on_gathering_cancelled,
    "matching.gathering_room_settled": gathering_participation.on_room_settled,
    "matching.gathering_attendance_recorded": gathering_participation.on_attendance_recorded,
    "matching.gathering_outcome_recorded": gathering_participation.on_outcome_recorded,
    "matching.funding_opportunity_published": funding_outcomes.on_opportunity_published,
    "matching.funding_applied": funding_outcomes.on_applied,
    "matching.funding_result_recorded": funding_outcomes.on_result_recorded,
    "notifications.delivered": delivery_outcomes.on_delivered,
    "notifications.delivery_failed": delivery_outcomes.on_delivery_failed,
}
