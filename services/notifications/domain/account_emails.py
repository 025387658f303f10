"""E-mails about a person's own console account (a password reset link).

They go to the address the account holds, not to a confirmed contact address, and carry a
secret: the link is kept in the delivery only until its outcome is final, then forgotten.
Never in an event, an outbox row or a log line (delivery events carry ids and counts only).
"""
from dataclasses import dataclass
from datetime import datetime

from services.notifications.domain.delivery import EMAIL, FAILED, SENT, Delivery, delivery_id

ACCOUNT_EMAIL = "account_email"  # the delivery kind


@dataclass(frozen=True)
class AccountMessage:
    subject: str
    text: str


def password_reset(valid_minutes: int) -> AccountMessage:
    return AccountMessage(
        subject="パスワードの再設定 / Reset your Kyodo password",
        text=(f"Kyodo のパスワード再設定を受け付けました。{valid_minutes} 分以内に下のリンクを開き、"
              f"新しいパスワードを設定してください。リンクは一度だけ使えます。\n"
              f"心当たりがない場合は、このメールを無視してください。パスワードは変わりません。\n\n"
              f"Someone asked to reset your Kyodo password. Open the link below within "
              f"{valid_minutes} minutes to set a new one; it works once.\n"
              f"If it was not you, ignore this message: your password stays as it is."))


TEMPLATES = {"password_reset": password_reset}


def account_delivery(request_id: str, account_id: str, to: str, template: str, link: str,
                     valid_minutes: int, now: datetime) -> Delivery:
    """A pending e-mail. Its id derives from the request, so a retried call records it once."""
    return Delivery(id=delivery_id(request_id, EMAIL, account_id),
                    recipient_id=f"account:{account_id}", channel=EMAIL, target_id=account_id,
                    source_id=request_id, kind=ACCOUNT_EMAIL,
                    content={"to": to, "template": template, "link": link,
                             "valid_minutes": valid_minutes},
                    created_at=now, next_attempt_at=now, critical=True)


def message_of(delivery: Delivery) -> AccountMessage | None:
    """What to send; None once the content is forgotten (nothing left to send)."""
    template = TEMPLATES.get(delivery.content.get("template"))
    return template(delivery.content["valid_minutes"]) if template else None


def forget_secret(delivery: Delivery) -> None:
    """Once sent or given up, the address and the link have no further use here."""
    if delivery.kind == ACCOUNT_EMAIL and delivery.status in (SENT, FAILED):
        delivery.content = {}
