"""The OpenAPI 3 document, generated from the route table and the very schemas that validate."""
import re
import warnings

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from gateway.problems import TITLES
from gateway.routes import ROUTES, Route

# Every route may answer each of these as problem+json: the server's own refusals (414, 431),
# authentication, roles and validation, conflicts, rate limits and a service that is down.
PROBLEM_STATUSES = (400, 401, 403, 404, 405, 409, 413, 414, 415, 422, 429, 431, 500, 503, 504)

PROBLEM = {
    "type": "object",
    "required": ["type", "title", "status"],
    "description": "RFC 9457 problem details; `errors` maps a field to its messages",
    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                   "status": {"type": "integer"}, "detail": {"type": "string"},
                   "errors": {"type": "object"}, "correlation_id": {"type": "string"}},
}


def _operation(route: Route) -> tuple[str, dict]:
    path = re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", route.path)
    operation = {
        "operationId": route.name, "summary": route.summary, "tags": [route.tag],
        "description": ("公開 / public" if route.public
                        else f"Roles / 権限: {', '.join(route.roles)}"),
        "security": [{}, {"apiKey": []}] if route.public else [{"apiKey": []}],
        "parameters": [{"in": "path", "name": n, "required": True, "schema": {"type": "string"}}
                       for n in route.path_names],
        "responses": {str(route.status): {"description": "OK"}},
    }
    if route.request is not None:
        if route.takes_body:
            operation["requestBody"] = {"required": route.body_required, "content": {
                "application/json": {"schema": route.client_schema()}}}
        elif route.client_fields:
            operation["parameters"].append({"in": "query", "schema": route.client_schema()})
    if route.method == "POST":
        operation["parameters"].append({"in": "header", "name": "Idempotency-Key",
                                        "required": not route.public,
                                        "schema": {"type": "string", "minLength": 1,
                                                   "maxLength": 200}})
    if not route.answers_json:
        operation["responses"][str(route.status)]["content"] = {
            route.produces: {"schema": {"type": "string", "format": "binary"}}}
    elif route.response is not None:
        operation["responses"][str(route.status)]["content"] = {
            "application/json": {"schema": route.response}}
    for status in PROBLEM_STATUSES:
        operation["responses"][str(status)] = {"$ref": f"#/components/responses/Problem{status}"}
    return path, operation


def build_openapi() -> dict:
    spec = APISpec(title="Kyodo API (協働プラットフォーム)", version="1.0.0", openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()],
                   info={"description": "地域づくり協働推進のための API / The API of Kyodo, "
                                        "a city's community-collaboration platform."})
    spec.components.security_scheme("apiKey", {"type": "http", "scheme": "bearer",
                                               "description": "API key: Authorization: Bearer kyd_…"})
    spec.components.schema("Problem", PROBLEM)
    for status in PROBLEM_STATUSES:
        spec.components.response(f"Problem{status}", {
            "description": TITLES[status], "content": {
                "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
    operations: dict[str, dict] = {}
    for route in ROUTES:
        path, operation = _operation(route)
        operations.setdefault(path, {})[route.method.lower()] = operation
    with warnings.catch_warnings():
        # apispec warns when one schema class appears with different `exclude`s; that is intended.
        warnings.simplefilter("ignore", UserWarning)
        for path, by_method in operations.items():
            spec.path(path=path, operations=by_method)
        return spec.to_dict()


DOCS_PAGE = """<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Kyodo API</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
code{background:#f3f3f3;padding:0 .3em}h2{border-bottom:1px solid #ccc}
.m{display:inline-block;width:4.5em;font-weight:bold}</style></head>
<body><h1>Kyodo API / 協働プラットフォーム API</h1>
<p>機械可読な定義 / machine-readable: <a href="/api/v1/openapi.json">openapi.json</a></p>
<div id="routes">読み込み中… / loading…</div>
<script>
fetch('/api/v1/openapi.json').then(r => r.json()).then(spec => {
  const out = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = (op.parameters || []).map(p => `<code>${p.name}</code> (${p.in})`).join(', ');
      out.push(`<h2><span class="m">${method.toUpperCase()}</span><code>${path}</code></h2>
        <p>${op.summary}</p><p>${op.description}</p><p>${params}</p>`);
    }
  }
  document.getElementById('routes').innerHTML = out.join('');
});
</script></body></html>
"""
