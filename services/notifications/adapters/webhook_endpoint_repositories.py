"""Webhook endpoints and their signing secrets in SQL."""
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from services.common.timestamps import as_utc
from services.notifications.adapters.chunks import chunks
from services.notifications.adapters.tables import webhook_endpoints, webhook_secrets
from services.notifications.domain.webhook_endpoint import EndpointSecret, WebhookEndpoint


class SqlWebhookEndpointRepository:
    def __init__(self, session: Session):
        self._session = session

    def add(self, endpoint: WebhookEndpoint) -> None:
        self._session.execute(insert(webhook_endpoints).values(_row(endpoint)))
        self._write_secrets(endpoint)

    def get(self, endpoint_id: str) -> WebhookEndpoint | None:
        row = self._session.execute(
            select(webhook_endpoints).where(webhook_endpoints.c.id == endpoint_id)).first()
        return self._endpoints([row])[0] if row else None

    def save(self, endpoint: WebhookEndpoint) -> None:
        self._session.execute(update(webhook_endpoints)
                              .where(webhook_endpoints.c.id == endpoint.id).values(_row(endpoint)))
        self._session.execute(delete(webhook_secrets)
                              .where(webhook_secrets.c.endpoint_id == endpoint.id))
        self._write_secrets(endpoint)

    def for_owner(self, owner_id: str) -> list[WebhookEndpoint]:
        table = webhook_endpoints
        rows = self._session.execute(select(table).where(table.c.owner_id == owner_id)
                                     .order_by(table.c.created_at, table.c.id)).all()
        return self._endpoints(rows)

    def every(self) -> list[WebhookEndpoint]:
        table = webhook_endpoints
        rows = self._session.execute(select(table).order_by(table.c.created_at, table.c.id)).all()
        return self._endpoints(rows)

    def for_owners(self, owner_ids: list[str]) -> dict[str, list[WebhookEndpoint]]:
        table = webhook_endpoints
        found: dict[str, list[WebhookEndpoint]] = {}
        for some in chunks(sorted(set(owner_ids))):
            rows = self._session.execute(select(table).where(table.c.owner_id.in_(some))
                                         .order_by(table.c.created_at, table.c.id)).all()
            for endpoint in self._endpoints(rows):
                found.setdefault(endpoint.owner_id, []).append(endpoint)
        return found

    def _write_secrets(self, endpoint: WebhookEndpoint) -> None:
        if endpoint.secrets:
            self._session.execute(insert(webhook_secrets), [
                {"endpoint_id": endpoint.id, "secret": s.secret, "created_at": s.created_at,
                 "expires_at": s.expires_at} for s in endpoint.secrets])

    def _endpoints(self, rows) -> list[WebhookEndpoint]:
        if not rows:
            return []
        ids = [row.id for row in rows]
        secrets: dict[str, list[EndpointSecret]] = {i: [] for i in ids}
        for some in chunks(ids):
            for s in self._session.execute(select(webhook_secrets)
                                           .where(webhook_secrets.c.endpoint_id.in_(some))
                                           .order_by(webhook_secrets.c.created_at)):
                secrets[s.endpoint_id].append(EndpointSecret(
                    s.secret, as_utc(s.created_at), as_utc(s.expires_at) if s.expires_at else None))
        return [WebhookEndpoint(
            id=row.id, owner_id=row.owner_id, url=row.url, event_types=tuple(row.event_types),
            description=row.description, created_at=as_utc(row.created_at),
            secrets=secrets[row.id], status=row.status, disabled_reason=row.disabled_reason,
            disabled_at=as_utc(row.disabled_at) if row.disabled_at else None) for row in rows]


def _row(endpoint: WebhookEndpoint) -> dict:
    return {"id": endpoint.id, "owner_id": endpoint.owner_id, "url": endpoint.url,
            "event_types": list(endpoint.event_types), "description": endpoint.description,
            "created_at": endpoint.created_at, "status": endpoint.status,
            "disabled_reason": endpoint.disabled_reason, "disabled_at": endpoint.disabled_at}
