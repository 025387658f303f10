"""nameko's HTTP entrypoint, made to answer problem+json and to carry the correlation id.

Stock nameko answers an escaped exception with "Error: <type>: <message>" (a leak) and an
unknown route with an HTML page; eventlet's server answers a request line or headers it will
not parse with an empty body (414, 400) or an HTML page. All become problem+json here.
"""
import logging
import re
import socket
import time
import uuid

from eventlet import wsgi
from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import HttpOnlyProtocol, WebServer, WsgiApp
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.wrappers import Request

from gateway.dispatch import REQUEST_LOGGED
from gateway.problems import problem, raw_problem
from services.common.nameko_signatures import SignatureReadOnce
from services.common.tracing import TRACE_KEYS

log = logging.getLogger(__name__)

_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def correlation_id_of(request) -> str:
    """The caller's X-Correlation-Id when it is sane, a new one otherwise."""
    offered = request.headers.get("X-Correlation-Id", "")
    return offered if _CORRELATION_ID.match(offered) else str(uuid.uuid4())


class _ProblemWsgiApp(WsgiApp):
    def __call__(self, environ, start_response):
        # As WsgiApp.__call__, but a routing failure (404, 405) answers problem+json.
        started = time.monotonic()
        request = Request(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
            request.path_values = values
            response = provider.handle_request(request)
        except RequestRedirect as redirect:  # a path with doubled slashes: its canonical form
            response = redirect.get_response(environ)
        except HTTPException as exc:
            response = problem(exc.code or 500)
        if not environ.get(REQUEST_LOGGED):
            _log_access(environ, response.status_code, time.monotonic() - started)
        return response(environ, start_response)


def _log_access(environ, status: int, elapsed: float) -> None:
    """The access line of a request the dispatcher did not log (console pages, probes, 404s)."""
    query = environ.get("QUERY_STRING")
    path = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
    # The path goes in the message, where the reset-link redaction looks for it.
    log.info('%s "%s %s" %s', environ.get("REMOTE_ADDR"), environ.get("REQUEST_METHOD"), path, status,
             extra={"status": status, "duration_ms": round(elapsed * 1000, 1)})


class _ProblemProtocol(HttpOnlyProtocol):
    """eventlet's HTTP protocol, answering what it refuses before the application as problems."""

    def _read_request_line(self):
        line = super()._read_request_line()
        if len(line) >= self.server.url_length_limit:
            self._refuse(414, f"URI は {self.server.url_length_limit} バイト未満にしてください / "
                              f"keep the URI under {self.server.url_length_limit} bytes")
            return ""  # eventlet then closes the connection without a word of its own
        return line

    def parse_request(self):
        try:
            parsed = super().parse_request()
        except (wsgi.HeaderLineTooLong, wsgi.HeadersTooLarge):
            self._refuse(431, f"ヘッダーは 1 行 {wsgi.MAX_HEADER_LINE} バイト未満、合計 "
                              f"{wsgi.MAX_TOTAL_HEADER_SIZE} バイトまで / a header line under "
                              f"{wsgi.MAX_HEADER_LINE} bytes, {wsgi.MAX_TOTAL_HEADER_SIZE} in all")
            return False
        if parsed and not _valid_content_length(self.headers):
            self._refuse(400, "Content-Length が不正です / invalid Content-Length")
            return False
        return parsed

    def send_error(self, code, message=None, explain=None):
        # http.server's own refusals (bad request line, too many headers): HTML otherwise.
        # Its 505 for an unknown HTTP version is still the client's input: a 400.
        self._refuse(code if code < 500 else 400, explain or message)

    def _refuse(self, status: int, detail: str | None) -> None:
        self.wfile.write(raw_problem(status, detail))
        self.close_connection = True


def _valid_content_length(headers) -> bool:
    """A length is ASCII digits, never beside Transfer-Encoding (request smuggling)."""
    value = headers.get("Content-Length")
    return value is None or (value.isascii() and value.isdigit()
                             and "Transfer-Encoding" not in headers)


# eventlet.listen queues 50 connections not yet accepted. A burst of more (100 clients at once
# while 60 calls waited on a stalled service) overflowed it, and each dropped SYN cost its client
# a 1 s retransmit; the kernel caps this at net.core.somaxconn.
LISTEN_BACKLOG = 1024


class KyodoWebServer(WebServer):
    def start(self):
        super().start()
        self._sock.listen(LISTEN_BACKLOG)  # on a listening socket, listen() only sets the backlog

    def context_data_from_headers(self, request):
        request.environ["kyodo.correlation_id"] = correlation_id_of(request)
        # A caller's W3C trace context (traceparent, tracestate) parents the request's span.
        trace = {key: request.headers[key] for key in TRACE_KEYS if key in request.headers}
        return {"correlation_id": request.environ["kyodo.correlation_id"], **trace}

    def get_wsgi_app(self):
        return _ProblemWsgiApp(self)

    def get_wsgi_server(self, sock, wsgi_app, protocol=_ProblemProtocol, debug=False):
        server = super().get_wsgi_server(sock, wsgi_app, protocol=protocol, debug=debug)
        # Not eventlet's access line: it repeated the dispatcher's line for every API request (a
        # second JSON line to format and write, ~0.1 ms); _ProblemWsgiApp logs the others.
        # eventlet still logs its errors.
        server.log_output = False
        return server

    def process_request(self, sock, address):
        # eventlet's buffered writer sends a larger response's headers apart from its body, and
        # Nagle then held the body until the client acknowledged the headers: the client's
        # delayed ACK, ~40 ms, on responses of ~16-64 KB (candidates: 60 ms p50 for 13 ms of CPU).
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().process_request(sock, address)


class ApiHandler(SignatureReadOnce, HttpRequestHandler):
    server = KyodoWebServer()

    def response_from_exception(self, exc):
        if isinstance(exc, HTTPException) and exc.code and exc.code < 500:
            return problem(exc.code)
        log.error("unhandled error in the gateway", exc_info=exc)
        return problem(500)


api = ApiHandler.decorator
