"""Events from reports and registry that someone must hear about."""
from datetime import datetime, timezone

from services.notifications.app.fan_out import messages_for, notify_all
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.app.subscriptions import hearing
from services.notifications.domain.report_messages import report_names


def on_report_ready(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    """The requester hears it in the inbox and on their own channels, with the job's link."""
    japanese, english = report_names(payload["report_kind"])
    facts = {**payload, "report_ja": japanese, "report_en": english,
             "formats": [f.upper() for f in payload.get("formats") or []]}
    notify_all(uow, messages_for(uow, [payload["requested_by"]], "reports.report_ready", facts,
                                 f"/api/v1/reports/jobs/{payload['job_id']}", event_id,
                                 datetime.now(timezone.utc)),
               "reports.report_ready", payload)


def on_newcomer_interest(uow: NotificationsUnitOfWork, event_id: str, payload: dict) -> None:
    """The association's contact hears it in its inbox and on its own channels."""
    facts = {**payload, "place": uow.place_names.get(payload["region"], payload["region"])}
    association = f"organisation:{payload['organisation_id']}"
    notify_all(uow, messages_for(uow, hearing(uow, [association], "registry.newcomer_interest_registered"),
                                 "registry.newcomer_interest_registered", facts,
                                 f"/api/v1/organisations/{payload['organisation_id']}", event_id,
                                 datetime.now(timezone.utc)),
               "registry.newcomer_interest_registered", payload)
