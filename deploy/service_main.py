"""Run one Kyodo service: `python -m deploy.service_main <name>`.

eventlet must patch the standard library before anything else imports it.
"""
import warnings

# eventlet warns on import that it is in bugfix mode; DESIGN.md records that choice.
warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

from psycogreen.eventlet import patch_psycopg  # noqa: E402

patch_psycopg()

import importlib  # noqa: E402
import logging  # noqa: E402
import sys  # noqa: E402

import kombu  # noqa: E402
from nameko.cli.run import run  # noqa: E402

from deploy.components import DEFAULT_HTTP_PORTS, SERVICE_NAMES, service_module  # noqa: E402
from services.common import nameko_rpc  # noqa: E402,F401  (registers RPC errors)
from services.common import topology  # noqa: E402
from services.common.logging_setup import configure_logging  # noqa: E402
from services.common.settings import nameko_config  # noqa: E402


def service_class(name: str):
    return importlib.import_module(service_module(name)).Service


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0] not in SERVICE_NAMES:
        sys.exit(f"usage: python -m deploy.service_main {{{','.join(SERVICE_NAMES)}}}")
    name = argv[0]
    configure_logging(name)
    config = nameko_config(DEFAULT_HTTP_PORTS[name])
    cls = service_class(name)
    subscription = getattr(cls, "subscription", None)
    if subscription is not None:
        with kombu.Connection(config["AMQP_URI"]) as connection:
            topology.declare(connection, [subscription])
    logging.getLogger(__name__).info("starting service", extra={"service_name": name})
    run([cls], config)


if __name__ == "__main__":
    main(sys.argv[1:])
