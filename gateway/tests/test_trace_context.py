"""W3C trace context from an HTTP caller through the gateway and RPC into the service, visible
in every process's logs; a client's 404 is an INFO line there, not a warning with a traceback."""
import json
import secrets
import uuid

import pytest

from tests.support.platform import eventually

pytestmark = pytest.mark.broker


def log_lines(platform, component: str) -> list[dict]:
    lines = []
    for line in platform.logs(component).splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            pass
    return lines


def test_a_callers_trace_id_reaches_the_service_and_its_logs(platform):
    trace_id, parent_id = secrets.token_hex(16), secrets.token_hex(8)
    missing = str(uuid.uuid4())
    response = platform.call("GET", f"/organisations/{missing}",
                             headers={"traceparent": f"00-{trace_id}-{parent_id}-01"})
    assert response.status_code == 404

    def traced(component):
        return [line for line in log_lines(platform, component) if line.get("trace_id") == trace_id]
    [gateway_line] = eventually(lambda: [line for line in traced("gateway") if line.get("message") == "request"])
    assert gateway_line["status"] == 404
    assert (gateway_line["method"], gateway_line["path"]) == ("GET", f"/api/v1/organisations/{missing}")
    registry_lines = eventually(lambda: traced("registry"))
    answered = [line for line in registry_lines if line["message"].startswith("client error answered: NotFound")]
    assert answered and answered[0]["level"] == "INFO" and "exc_info" not in answered[0]
    assert not [line for line in log_lines(platform, "registry")
                if line["level"] == "WARNING" and "(expected)" in line["message"]]


def test_without_a_caller_trace_each_request_gets_its_own(platform):
    first = platform.call("GET", f"/organisations/{uuid.uuid4()}")
    second = platform.call("GET", f"/organisations/{uuid.uuid4()}")
    ids = {first.headers["X-Correlation-Id"], second.headers["X-Correlation-Id"]}
    assert len(ids) == 2

    def request_lines():
        found = [line for line in log_lines(platform, "gateway")
                 if line.get("correlation_id") in ids and line.get("message") == "request"]
        return found if len(found) == 2 else None
    traces = {line["trace_id"] for line in eventually(request_lines)}
    assert len(traces) == 2 and all(t and len(t) == 32 for t in traces)
