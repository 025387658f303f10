"""Contact addresses (e-mail, LINE): give one, confirm it with the code sent to it; stop an
e-mail address with one click."""
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.errors import Conflict, NotFound
from services.notifications.app.ports import Links, NotificationsUnitOfWork
from services.notifications.domain import signed_tokens
from services.notifications.domain.delivery import Delivery, delivery_id
from services.notifications.domain.contact_address import ContactAddress

CONFIRMATION = "email_confirmation"
UNSUBSCRIBE = "unsubscribe"


def add_address(uow: NotificationsUnitOfWork, actor: Actor, request_id: str, channel: str,
                address: str, now: datetime | None = None) -> ContactAddress:
    """Recorded unconfirmed, with a pending delivery of its confirmation code."""
    now = now or datetime.now(timezone.utc)
    address = address.strip()
    with uow:
        existing = uow.addresses.get(request_id)
        if existing is not None:  # the same request again (Idempotency-Key)
            return existing
        for known in uow.addresses.for_recipient(actor.recipient_id):
            if known.channel == channel and known.address.lower() == address.lower() and \
                    known.unsubscribed_at is None:
                raise Conflict("このアドレスは登録済みです / this address is already registered",
                               {"address": ["already registered"]})
        added = ContactAddress(request_id, actor.recipient_id, channel, address, now)
        uow.addresses.add(added)
        uow.deliveries.add_new(Delivery(
            id=delivery_id(added.id, channel, added.id), recipient_id=actor.recipient_id,
            channel=channel, target_id=added.id, source_id=added.id, kind=CONFIRMATION,
            content={}, created_at=now, next_attempt_at=now))
        uow.commit()
    return added


def list_addresses(uow: NotificationsUnitOfWork, actor: Actor) -> list[ContactAddress]:
    with uow:
        return uow.addresses.for_recipient(actor.recipient_id)


def confirm_address(uow: NotificationsUnitOfWork, actor: Actor, address_id: str, code: str,
                    links: Links, now: datetime | None = None) -> ContactAddress:
    with uow:
        address = _own(uow, actor, address_id)
        address.confirm(code, signed_tokens.confirmation_code(
            links.signing_key, address.id, address.address), now or datetime.now(timezone.utc))
        uow.addresses.save(address)
        uow.commit()
    return address


def unsubscribe(uow: NotificationsUnitOfWork, token: str, links: Links,
                now: datetime | None = None) -> ContactAddress:
    """RFC 8058 one-click: the signed token names the address; no key, no login."""
    address_id = signed_tokens.read_token(links.signing_key, UNSUBSCRIBE, token)
    with uow:
        address = uow.addresses.get(address_id)
        if address is None:
            raise NotFound("アドレスが見つかりません / no such address")
        address.unsubscribe(now or datetime.now(timezone.utc))
        uow.addresses.save(address)
        uow.commit()
    return address


def unsubscribe_url(links: Links, address_id: str) -> str:
    token = signed_tokens.make_token(links.signing_key, UNSUBSCRIBE, address_id)
    return f"{links.public_url}/api/v1/notifications/unsubscribe/{token}"


def _own(uow: NotificationsUnitOfWork, actor: Actor, address_id: str) -> ContactAddress:
    address = uow.addresses.get(address_id)
    if address is None or address.recipient_id != actor.recipient_id:
        raise NotFound("アドレスが見つかりません / no such address")
    return address
