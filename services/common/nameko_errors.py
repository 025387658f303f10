"""Let our errors cross nameko RPC as themselves, not as an opaque RemoteError."""
from nameko.exceptions import deserialize_to_instance
from nameko.rpc import rpc as nameko_rpc

from services.common.errors import Conflict, Forbidden, KyodoError, NotFound, ValidationFailed

for _error in (KyodoError, ValidationFailed, NotFound, Conflict, Forbidden):
    deserialize_to_instance(_error)

CLIENT_ERRORS = (KyodoError,)


def rpc(method):
    """nameko's @rpc that logs a client's error as a warning, not as a crash."""
    return nameko_rpc(expected_exceptions=CLIENT_ERRORS)(method)
