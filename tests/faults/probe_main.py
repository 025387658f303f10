"""Run the probe service: `python -m tests.faults.probe_main` (like deploy.service_main)."""
import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

from psycogreen.eventlet import patch_psycopg  # noqa: E402

patch_psycopg()

import os  # noqa: E402

import kombu  # noqa: E402
from nameko.cli.run import run  # noqa: E402
from sqlalchemy import create_engine  # noqa: E402

from services.common import nameko_rpc  # noqa: E402,F401  (registers RPC errors)
from services.common import topology  # noqa: E402
from services.common.logging_setup import configure_logging  # noqa: E402
from services.common.settings import nameko_config  # noqa: E402
from tests.faults import probe_service  # noqa: E402


def main() -> None:
    configure_logging(probe_service.NAME)
    config = nameko_config(8199)
    config["DATABASE_URL"] = os.environ["KYODO_PROBE_DATABASE_URL"]
    if os.environ.get("KYODO_PROBE_HEARTBEAT"):
        # nameko's AMQP heartbeat (its default is 60 s): how soon a silent broker is noticed.
        config["HEARTBEAT"] = int(os.environ["KYODO_PROBE_HEARTBEAT"])
    engine = create_engine(config["DATABASE_URL"])
    probe_service.metadata.create_all(engine)
    engine.dispose()
    cls = probe_service.service_class()
    with kombu.Connection(config["AMQP_URI"]) as connection:
        topology.declare(connection, [cls.subscription])
    run([cls], config)


if __name__ == "__main__":
    main()
