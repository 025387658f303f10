"""A service of one table that exists to test event batches in the kernel, knowing no real service.

`python -m services.common.tests.batch_probe_service` runs it like deploy/service_main runs a
real one (eventlet first), against KYODO_PROBE_DATABASE_URL and KYODO_AMQP_URI; what it does
with an event is in batch_probe.py.
"""
import warnings

warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")

import eventlet  # noqa: E402

eventlet.monkey_patch()

import os  # noqa: E402

import kombu  # noqa: E402

from services.common import nameko_rpc  # noqa: E402,F401  (registers RPC errors)
from services.common import topology  # noqa: E402
from services.common.database import make_engine  # noqa: E402
from services.common.event_contracts import EventCatalogue  # noqa: E402
from services.common.event_handling import apply_batch  # noqa: E402
from services.common.logging_setup import configure_logging  # noqa: E402
from services.common.nameko_events import consume_event_batches  # noqa: E402
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints  # noqa: E402
from services.common.nameko_persistence import Persistence  # noqa: E402
from services.common.settings import nameko_config  # noqa: E402
from services.common.tests.batch_probe import (CONSUMED, ITEM_ADDED, MESSAGING, METADATA,  # noqa: E402
                                               ProbeUnitOfWork, on_item_added)


class Service(HealthEndpoints, DeadLetterOperations):
    name = "probe"
    subscription = topology.Subscription(name, frozenset({ITEM_ADDED}))
    uow = Persistence(ProbeUnitOfWork, EventCatalogue([]), MESSAGING)

    @consume_event_batches(CONSUMED)
    def handle_events(self, events):
        apply_batch(self.uow, events, {ITEM_ADDED: on_item_added})


def main() -> None:
    from nameko.cli.run import run
    configure_logging("probe")
    config = nameko_config(8199)
    config["DATABASE_URL"] = os.environ["KYODO_PROBE_DATABASE_URL"]
    METADATA.create_all(make_engine(config["DATABASE_URL"]))
    with kombu.Connection(config["AMQP_URI"]) as connection:
        topology.declare(connection, [Service.subscription])
    run([Service], config)


if __name__ == "__main__":
    main()
