"""Every RPC verifies its caller before it runs, drops work its caller gave up on, and a
service's database outage reaches the gateway as Unavailable (503), not a crash (500)."""
import time

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from services.common.errors import Unavailable
from services.common.metrics import RPC_DROPPED
from services.common.nameko_rpc import rpc
from services.common.signed_actor import ActorRefused, DeadlinePassed, sign
from tests.support.signing import signed

OPERATOR = {"role": "operator", "subject_id": None}


class Service:
    name = "probe"

    def __init__(self, error: Exception | None = None):
        self.error = error
        self.runs = 0

    @rpc
    def act(self, actor, request):
        self.runs += 1
        if self.error:
            raise self.error
        return {"role": actor.role}


def call(service: Service, actor: dict = OPERATOR, request: dict | None = None, **signing):
    request = request or {}
    return service.act(signed(actor, "probe", "act", request, **signing), request)


def dropped(reason: str) -> float:
    return RPC_DROPPED.labels("probe", "act", reason)._value.get()


def test_the_actor_arrives_verified_and_parsed():
    assert call(Service()) == {"role": "operator"}


@pytest.mark.parametrize("actor", [
    OPERATOR,  # unsigned: anyone with broker credentials could send this
    {**signed(OPERATOR, "probe", "act", {}), "role": "citizen"},  # altered
    signed(OPERATOR, "probe", "other_method", {}),  # signed for another call
    signed(OPERATOR, "other_service", "act", {}),
])
def test_an_unverified_caller_is_refused_before_anything_runs(actor):
    service, before = Service(), dropped("refused")
    with pytest.raises(ActorRefused):
        service.act(actor, {})
    assert service.runs == 0
    assert dropped("refused") == before + 1


def test_work_whose_deadline_passed_is_dropped_before_it_starts(caplog):
    service, before = Service(), dropped("deadline_passed")
    late = sign(OPERATOR, "probe", "act", {}, deadline=time.time() - 0.5)  # still inside expiry
    with pytest.raises(DeadlinePassed):
        service.act(late, {})
    assert service.runs == 0
    assert dropped("deadline_passed") == before + 1
    assert "deadline had passed" in caplog.text


def test_a_lost_database_connection_becomes_unavailable():
    down = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    with pytest.raises(Unavailable) as raised:
        call(Service(down))
    assert "一時的に利用できません" in raised.value.message


def test_other_database_errors_are_not_hidden():
    with pytest.raises(IntegrityError):
        call(Service(IntegrityError("INSERT", {}, Exception("duplicate key"))))
