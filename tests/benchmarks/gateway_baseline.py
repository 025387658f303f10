"""The trivial nameko `@http` + RPC pair the gateway is compared with (bench_gateway.py).

  python -m tests.benchmarks.gateway_baseline     (KYODO_AMQP_URI, KYODO_HTTP_ADDRESS)

GET /read/<id> and POST /write (a JSON body) each make one RPC to a service that echoes its
argument, and answer JSON: the least a gateway in front of nameko RPC can do.
"""
import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import json  # noqa: E402

from nameko.rpc import RpcProxy, rpc  # noqa: E402
from nameko.web.handlers import http  # noqa: E402

from services.common.settings import nameko_config  # noqa: E402


class Echo:
    name = "baseline_echo"

    @rpc
    def echo(self, value):
        return value


class Front:
    name = "baseline_http"
    echo = RpcProxy("baseline_echo")

    @http("GET", "/read/<item_id>")
    def read(self, request, item_id):
        return 200, {"Content-Type": "application/json"}, json.dumps(self.echo.echo({"id": item_id}))

    @http("POST", "/write")
    def write(self, request):
        return 201, {"Content-Type": "application/json"}, json.dumps(
            self.echo.echo(json.loads(request.get_data(as_text=True))))


if __name__ == "__main__":
    from nameko.cli.run import run
    run([Echo, Front], nameko_config(8090))
