"""A registry writer that SIGKILLs itself at one point of the outbox write path (T8).

`python -m tests.faults.outbox_crash_child DATA_DIR AMQP_URI POINT COMMANDS`
  before_commit   the Nth command's transaction (organisation row + outbox row) is written but
                  not committed when the process dies
  after_commit    the Nth command committed; the process dies before any relay ran
  after_publish   all commands committed; a relay publishes them, the broker confirms, and the
                  process dies before marking the rows sent
Each command the use case acknowledged (returned) is appended to DATA_DIR/acknowledged.txt
before the next starts; the one in flight at the crash is written to in_flight.txt first.
"""
import os
import signal
import sys
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from services.common.actor import Actor
from services.common.confirming_publisher import ConfirmingPublisher
from services.common.outbox_relay import OutboxRelay
from services.registry.adapters.city_profiles import configured_city
from services.registry.adapters.tables import MESSAGING
from services.registry.app.organisations import RegisterOrganisation, register_organisation
from tests.support.events import REGIONS, registry_uow


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def main(data_dir: Path, amqp_uri: str, point: str, commands: int) -> None:
    uow = registry_uow(data_dir)
    crash_at = commands if point in ("before_commit", "after_commit") else None
    original_commit = Session.commit
    calls = {"n": 0}

    def commit(session):
        calls["n"] += 1
        if calls["n"] == crash_at and point == "before_commit":
            die()
        original_commit(session)
        if calls["n"] == crash_at and point == "after_commit":
            die()

    Session.commit = commit
    acknowledged = open(data_dir / "acknowledged.txt", "a", buffering=1)
    for index in range(commands):
        organisation_id = str(uuid.uuid4())
        (data_dir / "in_flight.txt").write_text(organisation_id)
        register_organisation(uow, Actor("operator"), RegisterOrganisation(
            organisation_id=organisation_id, name=f"クラッシュ試験{index}", name_kana="クラッシュシケン",
            kind="citizen_group", region=REGIONS[index % len(REGIONS)], fields=["welfare"]),
            configured_city())
        acknowledged.write(organisation_id + "\n")
    Session.commit = original_commit

    if point == "after_publish":
        class DiesBeforeMarking(ConfirmingPublisher):
            def publish_batch(self, messages):
                outcome = super().publish_batch(messages)
                assert len(outcome.confirmed) == len(messages), outcome
                die()

        engine = uow._session_factory.kw["bind"]
        OutboxRelay(engine, MESSAGING, DiesBeforeMarking(amqp_uri)).relay_once()
    sys.exit(3)  # never reached when the crash happened


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]))
