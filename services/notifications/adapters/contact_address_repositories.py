"""Contact addresses (e-mail, LINE) in SQL."""
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.notifications.adapters.chunks import chunks
from services.notifications.adapters.tables import contact_addresses
from services.notifications.domain.contact_address import ContactAddress


class SqlContactAddressRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, address: ContactAddress) -> None:
        self._session.execute(insert(contact_addresses).values(_row(address)))

    def get(self, address_id: str) -> ContactAddress | None:
        row = self._session.execute(
            select(contact_addresses).where(contact_addresses.c.id == address_id)).first()
        return _address(row) if row else None

    def save(self, address: ContactAddress) -> None:
        self._session.execute(update(contact_addresses).where(contact_addresses.c.id == address.id)
                              .values(_row(address)))

    def for_recipient(self, recipient_id: str) -> list[ContactAddress]:
        table = contact_addresses
        rows = self._session.execute(select(table).where(table.c.recipient_id == recipient_id)
                                     .order_by(table.c.created_at, table.c.id))
        return [_address(row) for row in rows]

    def usable_for(self, recipient_ids: list[str]) -> dict[str, list[ContactAddress]]:
        """Confirmed, not unsubscribed addresses of these recipients."""
        table = contact_addresses
        found: dict[str, list[ContactAddress]] = {}
        for some in chunks(sorted(set(recipient_ids))):
            rows = self._session.execute(select(table).where(
                table.c.recipient_id.in_(some), table.c.confirmed_at.is_not(None),
                table.c.unsubscribed_at.is_(None)).order_by(table.c.created_at, table.c.id))
            for row in rows:
                found.setdefault(row.recipient_id, []).append(_address(row))
        return found


def _row(address: ContactAddress) -> dict:
    return {"id": address.id, "recipient_id": address.recipient_id, "channel": address.channel,
            "address": address.address,
            "created_at": address.created_at, "confirmed_at": address.confirmed_at,
            "unsubscribed_at": address.unsubscribed_at}


def _address(row) -> ContactAddress:
    data = dict(row._mapping)
    for name in ("created_at", "confirmed_at", "unsubscribed_at"):
        data[name] = as_utc(data[name]) if data[name] else None
    return ContactAddress(**data)
