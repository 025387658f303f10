"""Spans parent on an incoming traceparent, and go out over OTLP/HTTP when an endpoint is set
(a real collector stand-in on loopback receives them)."""
import http.server
import os
import secrets
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]

PROGRAM = """
from opentelemetry import trace
from services.common.tracing import SpanKind, configure_tracing, current_trace_id, end_span, start_span
configure_tracing("probe")
span, token, outgoing = start_span("probe.work", {"traceparent": "%s"}, SpanKind.SERVER)
print(current_trace_id(), outgoing["traceparent"])
end_span(span, token)
trace.get_tracer_provider().force_flush()
"""


def test_a_span_continues_the_callers_trace_and_is_exported_over_otlp():
    received: list[bytes] = []

    class Collector(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((self.path, self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.end_headers()

        def log_message(self, *args):
            pass

    # One request served from this thread: a server thread plus shutdown() can hang once
    # eventlet has patched the test process (DESIGN.md, known traps).
    server = http.server.HTTPServer(("127.0.0.1", 0), Collector)
    server.timeout = 60
    trace_id, parent = secrets.token_hex(16), secrets.token_hex(8)
    env = {**os.environ, "PYTHONPATH": str(REPOSITORY),
           "OTEL_EXPORTER_OTLP_ENDPOINT": f"http://127.0.0.1:{server.server_port}"}
    program = subprocess.Popen([sys.executable, "-c", PROGRAM % f"00-{trace_id}-{parent}-01"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        server.handle_request()
        stdout, stderr = program.communicate(timeout=60)
    finally:
        program.kill()
        server.server_close()
    result = subprocess.CompletedProcess(program.args, program.returncode, stdout, stderr)
    assert result.returncode == 0, result.stderr
    seen_trace, outgoing = result.stdout.split()
    assert seen_trace == trace_id
    version, out_trace, out_span, flags = outgoing.split("-")
    assert (version, out_trace, flags) == ("00", trace_id, "01") and out_span != parent
    [(path, body)] = received
    assert path == "/v1/traces"
    assert bytes.fromhex(trace_id) in body and bytes.fromhex(out_span) in body and b"probe.work" in body
