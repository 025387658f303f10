"""A route names who may call it, the one contract schema that validates its request (path,
query and body fields together, the service's own), and the RPC it forwards to. The gateway
holds no business rules beyond that.
"""
import re
from dataclasses import dataclass
from functools import cached_property

from marshmallow import Schema

EVERYONE = ("operator", "organisation", "partner", "citizen", "service")
PEOPLE = ("operator", "organisation", "partner", "citizen")

# Set by the gateway from the Idempotency-Key, never by a client.
GATEWAY_FIELDS = ("request_id",)
_PATH_VALUE = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


@dataclass(frozen=True)
class Route:
    name: str
    method: str
    path: str  # werkzeug rule: /api/v1/things/<thing_id>
    summary: str
    tag: str
    roles: tuple[str, ...]
    rpc: tuple[str, str] | None  # (service, method); "{service}" takes the path's value
    request: type[Schema] | None = None
    response: type[Schema] | None = None
    status: int = 200
    # Public routes answer without an API key (feeds, signed one-click links); a key, when
    # sent, is still checked and identifies the caller.
    public: bool = False
    # What a successful answer is: JSON, or a file the service returns with files.file_reply.
    produces: str = "application/json"

    @cached_property
    def path_names(self) -> tuple[str, ...]:
        return tuple(_PATH_VALUE.findall(self.path))

    @cached_property
    def supplied_fields(self) -> tuple[str, ...]:
        """The request's fields (attribute names) that the path or the gateway supply."""
        if self.request is None:
            return ()
        return tuple(name for name, field in self.request._declared_fields.items()
                     if (field.data_key or name) in (*self.path_names, *GATEWAY_FIELDS))

    @cached_property
    def client_fields(self) -> tuple[str, ...]:
        """The fields a client sends in the query string or the body."""
        if self.request is None:
            return ()
        return tuple(field.data_key or name for name, field in self.request._declared_fields.items()
                     if name not in self.supplied_fields)

    @property
    def answers_json(self) -> bool:
        return self.produces == "application/json"

    @property
    def takes_body(self) -> bool:
        return self.method in ("POST", "PUT", "PATCH") and bool(self.client_fields)

    @property
    def body_required(self) -> bool:
        """A body whose fields are all optional may be left out (approving hours without a count)."""
        return self.takes_body and any(field.required for name, field in self.request._declared_fields.items()
                                       if name not in self.supplied_fields)

    @property
    def creates(self) -> bool:
        """Creating routes get a request id derived from the Idempotency-Key."""
        return (self.method == "POST" and self.request is not None
                and "request_id" in self.request._declared_fields)

    def client_schema(self) -> Schema:
        """The request schema without what the path and the gateway supply (for the docs)."""
        return self.request(exclude=self.supplied_fields)
