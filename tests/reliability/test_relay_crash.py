"""(b) A relay that dies after publishing but before marking rows sent publishes them again on
restart, and the consumers absorb the duplicates."""
import pytest

from services.common.confirming_publisher import ConfirmingPublisher
from services.common.outbox_relay import OutboxRelay
from services.registry.adapters.tables import MESSAGING
from tests.support.events import count_rows, register_many, registry_uow
from tests.support.platform import eventually, running_platform

pytestmark = pytest.mark.broker

ROWS = 50


class RelayDied(Exception):
    pass


class DiesAfterPublishing(ConfirmingPublisher):
    def publish_batch(self, messages):
        outcome = super().publish_batch(messages)
        assert len(outcome.confirmed) == len(messages)
        raise RelayDied("killed between the broker's confirm and marking the rows")


def test_a_relay_that_dies_before_marking_republishes_and_consumers_absorb_it(tmp_path, vhost_uri):
    with running_platform(tmp_path, vhost_uri, env={"KYODO_RELAY": "off"}) as platform:
        data = platform.data_dir
        uow = registry_uow(data)
        register_many(uow, ROWS)
        engine = uow._session_factory.kw["bind"]
        registry_db = data / "registry.sqlite3"

        with pytest.raises(RelayDied):
            OutboxRelay(engine, MESSAGING, DiesAfterPublishing(vhost_uri)).relay_once()
        assert count_rows(registry_db, "outbox", "sent_at IS NULL") == ROWS
        eventually(lambda: count_rows(data / "reports.sqlite3", "organisation_facts") == ROWS)

        restarted = OutboxRelay(engine, MESSAGING, ConfirmingPublisher(vhost_uri))
        assert restarted.relay_once() == ROWS
        assert count_rows(registry_db, "outbox", "sent_at IS NULL") == 0

        for service in ("reports", "matching"):
            eventually(lambda: platform.logs(service).count("duplicate event ignored") == ROWS)
        assert count_rows(data / "reports.sqlite3", "organisation_facts") == ROWS
        assert count_rows(data / "matching.sqlite3", "known_organisations") == ROWS
        assert count_rows(data / "reports.sqlite3", "inbox") == ROWS
