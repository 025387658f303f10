"""Reports use cases: keep the facts from events, answer the summary."""
from services.reports.domain.summary import Summary, summarise


def on_organisation_registered(uow, payload: dict) -> None:
    uow.facts.record_organisation(str(payload["organisation_id"]), payload["region"],
                                  payload.get("status", "verified"))


def on_organisation_verified(uow, payload: dict) -> None:
    uow.facts.change_organisation(str(payload["organisation_id"]), status="verified")


def on_organisation_rejected(uow, payload: dict) -> None:
    uow.facts.change_organisation(str(payload["organisation_id"]), status="rejected")


def on_organisation_updated(uow, payload: dict) -> None:
    uow.facts.change_organisation(str(payload["organisation_id"]), region=payload["region"],
                                  status=payload["status"])


def on_need_posted(uow, payload: dict) -> None:
    uow.facts.record_need(str(payload["need_id"]), str(payload["organisation_id"]), payload["region"])


def summary(uow) -> Summary:
    with uow:
        return summarise(uow.facts.organisations_by_region(), uow.facts.needs_by_region(),
                         uow.facts.verified_by_region())


EVENT_HANDLERS = {
    "registry.organisation_registered": on_organisation_registered,
    "registry.organisation_verified": on_organisation_verified,
    "registry.organisation_rejected": on_organisation_rejected,
    "registry.organisation_updated": on_organisation_updated,
    "matching.need_posted": on_need_posted,
}
