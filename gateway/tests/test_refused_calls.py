"""What the gateway answers when a service will not run its call: a refused signature is the
platform's fault (keys differ between processes), not the client's; a call dropped for its
deadline is a timeout."""
import logging

from gateway.dispatch import Dispatcher
from gateway.routes import ROUTES
from services.common.actor import Actor
from services.common.signed_actor import ActorRefused, DeadlinePassed, DEADLINE_PASSED, REFUSED

ROUTE = next(route for route in ROUTES if route.rpc == ("registry", "get_organisation"))


def forwarded(error: Exception) -> tuple[int, dict]:
    def call_service(service, method, actor, params):
        raise error
    dispatcher = Dispatcher(None, call_service, {}, rate_limiter=None)
    return dispatcher._forward(ROUTE, Actor("operator", key_id="k"), {"organisation_id": "x"})


def test_a_refused_signature_is_503_and_logged_as_an_error(caplog):
    with caplog.at_level(logging.ERROR):
        status, body = forwarded(ActorRefused(REFUSED, {"reason": "bad_signature"}))
    assert status == 503 and "detail" not in body  # nothing about our keys reaches the client
    assert "refused the gateway's signed actor" in caplog.text


def test_a_call_dropped_for_its_deadline_is_504():
    assert forwarded(DeadlinePassed(DEADLINE_PASSED))[0] == 504
