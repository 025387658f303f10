"""Recording an account e-mail: durably, as a pending delivery the sender sends and retries with
every other e-mail (the same SMTP connection pool, backoff and attempt log)."""
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Forbidden
from services.notifications.app.ports import NotificationsUnitOfWork
from services.notifications.domain.account_emails import account_delivery

# Accounts are the gateway's: only it (a signed service caller) asks for these.
CALLER_ROLE = "service"


def send_account_email(uow: NotificationsUnitOfWork, actor: Actor, request: dict,
                       now: datetime | None = None) -> str:
    """The delivery's id; a repeated request (same request_id) records nothing new."""
    if actor.role != CALLER_ROLE:
        raise Forbidden("アカウントのメールはゲートウェイだけが送れます / only the gateway sends "
                        "account e-mails")
    delivery = account_delivery(str(request["request_id"]), request["account_id"], request["to"],
                                request["template"], request["link"], request["valid_minutes"],
                                now or datetime.now(timezone.utc))
    with uow:
        uow.deliveries.add_new(delivery)
        uow.commit()
    return delivery.id
