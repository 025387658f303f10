"""The trivial nameko `@http` + RPC pair the gateway is compared with (bench_gateway.py).

  python -m tests.benchmarks.gateway_baseline     (KYODO_AMQP_URI, KYODO_HTTP_ADDRESS)

GET /read/<id> and POST /write (a JSON body) each make one RPC to a service that echoes its
argument, and answer JSON: the least a gateway in front of nameko RPC can do. GET
/read-signed/<id> is /read with the caller's identity signed and verified as Kyodo's gateway and
services do (services/common/signed_actor.py): the two side by side price that layer alone.
"""
import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import json  # noqa: E402

from nameko.rpc import RpcProxy, rpc  # noqa: E402
from nameko.web.handlers import http  # noqa: E402

from services.common.settings import nameko_config  # noqa: E402
from services.common.signed_actor import sign_for, verify  # noqa: E402

READER = {"role": "operator", "subject_id": None, "key_id": "baseline"}


class Echo:
    name = "baseline_echo"

    @rpc
    def echo(self, value):
        return value

    @rpc
    def echo_signed(self, actor, value):
        verify(actor, self.name, "echo_signed", value)
        return value


class Front:
    name = "baseline_http"
    echo = RpcProxy("baseline_echo")

    @http("GET", "/read/<item_id>")
    def read(self, request, item_id):
        return 200, {"Content-Type": "application/json"}, json.dumps(self.echo.echo({"id": item_id}))

    @http("GET", "/read-signed/<item_id>")
    def read_signed(self, request, item_id):
        value = {"id": item_id}
        actor = sign_for(READER, "baseline_echo", "echo_signed", value, timeout=10)
        return 200, {"Content-Type": "application/json"}, json.dumps(self.echo.echo_signed(actor, value))

    @http("POST", "/write")
    def write(self, request):
        return 201, {"Content-Type": "application/json"}, json.dumps(
            self.echo.echo(json.loads(request.get_data(as_text=True))))


if __name__ == "__main__":
    from nameko.cli.run import run
    run([Echo, Front], nameko_config(8090))
