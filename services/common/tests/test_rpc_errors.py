"""A service's database outage reaches the gateway as Unavailable (503), not a crash (500)."""
import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from services.common.errors import Unavailable
from services.common.nameko_rpc import rpc


class Service:
    name = "probe"

    def __init__(self, error: Exception | None):
        self.error = error

    @rpc
    def act(self, actor, request):
        if self.error:
            raise self.error
        return {"role": actor.role}


def test_the_actor_arrives_parsed():
    assert Service(None).act({"role": "operator", "subject_id": None}, {}) == {"role": "operator"}


def test_a_lost_database_connection_becomes_unavailable():
    down = OperationalError("SELECT 1", {}, Exception("server closed the connection"))
    with pytest.raises(Unavailable) as raised:
        Service(down).act({"role": "operator"}, {})
    assert "一時的に利用できません" in raised.value.message


def test_other_database_errors_are_not_hidden():
    with pytest.raises(IntegrityError):
        Service(IntegrityError("INSERT", {}, Exception("duplicate key"))).act({"role": "operator"}, {})
