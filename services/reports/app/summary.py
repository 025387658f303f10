"""Reports use cases: keep the facts from events, answer the summary."""
from services.reports.domain.summary import Summary, summarise


def on_organisation_registered(uow, payload: dict) -> None:
    uow.facts.record_organisation(str(payload["organisation_id"]), payload["region"])


def on_need_posted(uow, payload: dict) -> None:
    uow.facts.record_need(str(payload["need_id"]), str(payload["organisation_id"]), payload["region"])


def summary(uow) -> Summary:
    with uow:
        return summarise(uow.facts.organisations_by_region(), uow.facts.needs_by_region())


EVENT_HANDLERS = {
    "registry.organisation_registered": on_organisation_registered,
    "matching.need_posted": on_need_posted,
}
