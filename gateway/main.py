"""Run the gateway: `python -m gateway.main`."""
import os
import warnings

# eventlet warns on import that it is in bugfix mode; DESIGN.md records that choice.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

from psycogreen.eventlet import patch_psycopg  # noqa: E402

patch_psycopg()

from nameko.cli.run import run  # noqa: E402

from gateway.console.password_reset_screens import redact_reset_links  # noqa: E402
from gateway.service import GatewayService  # noqa: E402
from services.common import nameko_rpc  # noqa: E402,F401  (RPC errors arrive as themselves)
from services.common.logging_setup import configure_logging  # noqa: E402
from services.common.settings import nameko_config  # noqa: E402

DEFAULT_HTTP_PORT = 8000


def main() -> None:
    configure_logging("gateway")
    redact_reset_links()  # the access log names each path, a reset link's token with it
    config = nameko_config(DEFAULT_HTTP_PORT)
    # Green threads are cheap: enough that the per-service bulkheads, not the pool, bound calls.
    config["max_workers"] = int(os.environ.get("KYODO_GATEWAY_MAX_WORKERS", "500"))
    run([GatewayService], config)


if __name__ == "__main__":
    main()
