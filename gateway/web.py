"""nameko's HTTP entrypoint, made to answer problem+json and to carry the correlation id.

Stock nameko answers an escaped exception with "Error: <type>: <message>" (a leak) and an
unknown route with an HTML page; both become problem+json here.
"""
import logging
import re
import uuid

from nameko.web.handlers import HttpRequestHandler
from nameko.web.server import WebServer, WsgiApp
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Request

from gateway.problems import problem
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
        request = Request(environ, shallow=True)
        adapter = self.url_map.bind_to_environ(environ)
        try:
            provider, values = adapter.match()
            request.path_values = values
            response = provider.handle_request(request)
        except HTTPException as exc:
            response = problem(exc.code or 500)
        return response(environ, start_response)


class KyodoWebServer(WebServer):
    def context_data_from_headers(self, request):
        request.environ["kyodo.correlation_id"] = correlation_id_of(request)
        # A caller's W3C trace context (traceparent, tracestate) parents the request's span.
        trace = {key: request.headers[key] for key in TRACE_KEYS if key in request.headers}
        return {"correlation_id": request.environ["kyodo.correlation_id"], **trace}

    def get_wsgi_app(self):
        return _ProblemWsgiApp(self)


class ApiHandler(HttpRequestHandler):
    server = KyodoWebServer()

    def response_from_exception(self, exc):
        if isinstance(exc, HTTPException) and exc.code and exc.code < 500:
            return problem(exc.code)
        log.error("unhandled error in the gateway", exc_info=exc)
        return problem(500)


api = ApiHandler.decorator
