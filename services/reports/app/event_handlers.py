"""Which use case each consumed event runs."""
from services.reports.app import caseload, facility_use, membership, networks, summary

EVENT_HANDLERS = {
    "registry.organisation_registered": summary.on_organisation_registered,
    "registry.organisation_verified": summary.on_organisation_verified,
    "registry.organisation_rejected": summary.on_organisation_rejected,
    "registry.organisation_updated": summary.on_organisation_updated,
    "matching.need_posted": summary.on_need_posted,
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
}
