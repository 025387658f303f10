"""One access line per request: the dispatcher's for an API request, the web app's for the rest
(eventlet's own access log, which repeated the dispatcher's line, is off)."""
import logging
from types import SimpleNamespace

from werkzeug.routing import Rule
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Response

from gateway.dispatch import REQUEST_LOGGED
from gateway.web import KyodoWebServer


class Provider:
    """A route's handler; `logs` plays the dispatcher, which marks the request it logged."""

    def __init__(self, logs: bool):
        self.logs = logs

    def get_url_rule(self):
        return Rule("/<path:rest>")

    def handle_request(self, request):
        if self.logs:
            request.environ[REQUEST_LOGGED] = True
        return Response("{}", status=201, content_type="application/json")


def app_for(provider):
    server = KyodoWebServer()
    server._providers = [provider]
    return server.get_wsgi_app()


def access_lines(app, path, caplog):
    environ = EnvironBuilder(path=path, environ_base={"REMOTE_ADDR": "192.0.2.7"}).get_environ()
    with caplog.at_level(logging.INFO, logger="gateway.web"):
        app(environ, lambda status, headers: None)
    return [record.getMessage() for record in caplog.records if record.name == "gateway.web"]


def test_a_request_the_dispatcher_did_not_log_gets_an_access_line(caplog):
    lines = access_lines(app_for(Provider(logs=False)), "/console/needs?page=2", caplog)
    assert lines == ['192.0.2.7 "GET /console/needs?page=2" 201']


def test_a_request_the_dispatcher_logged_gets_no_second_line(caplog):
    assert access_lines(app_for(Provider(logs=True)), "/api/v1/organisations", caplog) == []


def test_eventlets_access_log_is_off_but_its_error_log_stays():
    server = KyodoWebServer().get_wsgi_server(SimpleNamespace(getsockname=lambda: ("127.0.0.1", 0)),
                                              wsgi_app=None)
    assert server.log_output is False and server.log.name == "nameko.web.server"
