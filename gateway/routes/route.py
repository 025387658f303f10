"""A route names who may call it, the schemas that validate its input (the services' own), and
the RPC it forwards to. The gateway holds no business rules beyond that.
"""
from dataclasses import dataclass

from marshmallow import Schema

EVERYONE = ("operator", "organisation", "partner", "citizen", "service")
PEOPLE = ("operator", "organisation", "partner", "citizen")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str  # werkzeug rule: /api/v1/things/<thing_id>
    summary: str
    tag: str
    roles: tuple[str, ...]
    rpc: tuple[str, str] | None  # (service, method); "{service}" takes the path's value
    body: type[Schema] | None = None
    query: type[Schema] | None = None
    response: type[Schema] | None = None
    status: int = 200

    @property
    def creates(self) -> bool:
        """Creating routes get a request id derived from the Idempotency-Key."""
        return self.method == "POST" and self.body is not None and "request_id" in self.body._declared_fields


