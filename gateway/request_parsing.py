"""Turns an HTTP request into validated parameters, or a 4xx problem that changes nothing."""
import json
from functools import lru_cache

from marshmallow import Schema

from gateway.problems import problem
from gateway.routes.route import GATEWAY_FIELDS, Route
from services.common.contract_schema import json_type_errors

MAX_BODY_BYTES = 64 * 1024
# No request of the API nests deeper than a few levels; deep nesting only costs recursion.
MAX_JSON_DEPTH = 16


class Rejected(Exception):
    """The request is refused before anything is forwarded; carries the answer."""

    def __init__(self, status: int, detail: str, errors: dict | None = None,
                 retry_after: int | None = None):
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, errors
        self.retry_after = retry_after

    def response(self, correlation_id: str):
        headers = {"Retry-After": str(self.retry_after)} if self.retry_after is not None else None
        return problem(self.status, self.detail, errors=self.errors, correlation_id=correlation_id,
                       headers=headers)


def json_body(request) -> dict:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise Rejected(413, f"本文は {MAX_BODY_BYTES // 1024} KiB までです / body over {MAX_BODY_BYTES} bytes")
    request.max_content_length = MAX_BODY_BYTES
    raw = request.get_data(cache=True)
    if not raw:
        # No body at all (whatever its type says: eventlet reports a missing one as text/plain):
        # a POST whose fields are all optional (approving hours without a count) needs none;
        # required fields are still refused by the schema.
        return {}
    if request.mimetype != "application/json":
        raise Rejected(415, "Content-Type: application/json で送ってください / send application/json")
    if len(raw) > MAX_BODY_BYTES:
        raise Rejected(413, f"本文は {MAX_BODY_BYTES // 1024} KiB までです / body over {MAX_BODY_BYTES} bytes")
    try:
        body = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except RecursionError as exc:
        raise _too_deep() from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise Rejected(400, f"JSON として読めません / invalid JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise Rejected(400, "JSON オブジェクトを送ってください / the body must be a JSON object")
    if _depth(body) > MAX_JSON_DEPTH:
        raise _too_deep()
    return body


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def _too_deep() -> Rejected:
    return Rejected(400, f"JSON の入れ子は {MAX_JSON_DEPTH} 段までです / "
                         f"JSON nested deeper than {MAX_JSON_DEPTH} levels")


def _depth(value) -> int:
    """How deeply arrays and objects nest, counted without recursion."""
    deepest, level = 0, [(value, 1)]
    while level:
        item, depth = level.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
            level.extend((child, depth + 1) for child in children)
    return deepest


def validated(schema_class: type[Schema] | None, data: dict, *, set_by_gateway=(),
              json_fields: dict | None = None) -> dict:
    """Validate with the service's own schema; fields the gateway sets may not come from clients.

    The fields that came as JSON (the body) must have JSON's types; the path and query string
    are text by nature."""
    if schema_class is None:
        if data:
            raise Rejected(422, "このAPIはパラメータを受け付けません / this route takes no parameters",
                           {name: ["Unknown field."] for name in data})
        return {}
    excluded = tuple(name for name in set_by_gateway if name in schema_class._declared_fields)
    schema = _schema(schema_class, excluded)
    errors = {**schema.validate(data), **json_type_errors(schema, json_fields or {})}
    if errors:
        raise Rejected(422, "入力内容に誤りがあります / The request has invalid fields", errors)
    return data


@lru_cache(maxsize=None)
def _schema(schema_class: type[Schema], excluded: tuple[str, ...]) -> Schema:
    """One instance per route schema: building one deep-copies its fields (a tenth of a write's
    CPU), and `validate` keeps no state between calls."""
    return schema_class(exclude=excluded)


def request_params(route: Route, request, path_values: dict) -> dict:
    """The route's one request, gathered from the path, the query string or the JSON body.

    A body route takes no query parameters, and neither place may set what the path names.
    """
    path = {name: str(value) for name, value in path_values.items()}
    if route.takes_body:
        _refuse_unknown(request.args.keys())
        body = json_body(request)
        _refuse_unknown(name for name in body if name in path)
        data = {**body, **path}
    else:
        body, data = {}, {**request.args.to_dict(flat=True), **path}
    return validated(route.request, data, set_by_gateway=GATEWAY_FIELDS, json_fields=body)


def _refuse_unknown(names) -> None:
    unknown = sorted(names)
    if unknown:
        raise Rejected(422, "入力内容に誤りがあります / The request has invalid fields",
                       {name: ["Unknown field."] for name in unknown})
