"""RPC entrypoints: our errors cross nameko RPC as themselves (not as an opaque RemoteError),
and the caller's identity reaches every method already parsed."""
import functools

from nameko.exceptions import deserialize_to_instance
from nameko.rpc import rpc as nameko_rpc

from services.common.actor import Actor
from services.common.errors import Conflict, Forbidden, KyodoError, NotFound, ValidationFailed

for _error in (KyodoError, ValidationFailed, NotFound, Conflict, Forbidden):
    deserialize_to_instance(_error)

CLIENT_ERRORS = (KyodoError,)


def rpc(method):
    """nameko's @rpc for `method(self, actor: Actor, request: dict)`.

    The gateway sends the actor as a dict; it is turned into an Actor here, once, for every
    service. A client's error is logged as a warning, not as a crash.
    """
    @functools.wraps(method)
    def with_actor(self, actor: dict, request: dict):
        return method(self, Actor.from_dict(actor), request)
    return nameko_rpc(expected_exceptions=CLIENT_ERRORS)(with_actor)
