"""Run by test_concurrent_commits in a process of its own (eventlet patched first, as services
run): concurrent units of work through the registry's real unit of work, on the database URL
given, committing as Persistence sets them up. Prints one JSON object of what it saw.

On SQLite every commit is held in its OS thread until the probe opens a gate, so the writers are
in flight together: one waits for the commit in progress, one fails after writing, and the probe
looks at the database and the hub while nobody may have been answered yet.
"""
import eventlet

eventlet.monkey_patch()

import json  # noqa: E402
import sys  # noqa: E402
import uuid  # noqa: E402
from datetime import datetime, timezone  # noqa: E402

from eventlet import tpool  # noqa: E402
from sqlalchemy import select  # noqa: E402

from services.common.actor import Actor  # noqa: E402
from services.common.database import make_engine, make_session_factory  # noqa: E402
from services.common.migrations import upgrade  # noqa: E402
from services.common.nameko_sqlite_commits import commit_off_the_hub  # noqa: E402
from services.registry.adapters.city_profiles import configured_city  # noqa: E402
from services.registry.adapters.tables import MESSAGING, organisations  # noqa: E402
from services.registry.adapters.unit_of_work import SqlRegistryUnitOfWork  # noqa: E402
from services.registry.app.organisations import RegisterOrganisation, register_organisation  # noqa: E402
from services.registry.contract.events import PUBLISHED  # noqa: E402
from services.registry.domain import organisation as domain  # noqa: E402

real_threading = eventlet.patcher.original("threading")
WRITERS = 6
FAILING = 3  # the writer whose use case fails after it has written


class UseCaseFailed(Exception):
    pass


def main(url: str) -> None:
    upgrade("registry", url)
    gate = real_threading.Event()
    if url.startswith("sqlite"):
        gate.clear()
    else:
        gate.set()  # psycopg2 is green: PostgreSQL commits yield without any help

    def held_until_the_gate_opens(commit):
        return tpool.execute(lambda: (gate.wait(30), commit())[1])

    engine = make_engine(url)
    commit_off_the_hub(engine, run_in_thread=held_until_the_gate_opens)
    observer = make_engine(url)  # a connection of its own: sees only what is committed
    session_factory = make_session_factory(engine)
    ids = [str(uuid.uuid4()) for _ in range(WRITERS)]
    outcomes: dict[int, str] = {}
    seen_when_answered: dict[int, bool] = {}

    def committed(organisation_id: str) -> bool:
        with observer.connect() as connection:
            row = connection.execute(select(organisations.c.id).where(
                organisations.c.id == organisation_id)).first()
            event = connection.execute(select(MESSAGING.outbox.c.message_id).where(
                MESSAGING.outbox.c.envelope.contains(organisation_id))).first()
        return row is not None and event is not None

    def writer(index: int) -> None:
        uow = SqlRegistryUnitOfWork(session_factory, "registry", PUBLISHED, MESSAGING)
        try:
            if index == FAILING:
                with uow:
                    uow.organisations.add(domain.register(
                        organisation_id=ids[index], name="失敗する登録", name_kana="シッパイ",
                        kind="other", region="yu", fields=["welfare"], description="",
                        verified=True, now=datetime.now(timezone.utc), city=configured_city()))
                    raise UseCaseFailed()
            register_organisation(uow, Actor("operator"), RegisterOrganisation(
                organisation_id=ids[index], name=f"同時登録{index}", name_kana="ドウジトウロク",
                kind="citizen_group", region="yu", fields=["welfare"]), configured_city())
            outcomes[index] = "committed"
        except UseCaseFailed:
            outcomes[index] = "failed"
        # The moment a caller would be answered: is its write already there for everyone?
        seen_when_answered[index] = committed(ids[index])

    ticks = 0

    def ticker():
        nonlocal ticks
        while len(outcomes) < WRITERS:
            ticks += 1
            eventlet.sleep(0.005)

    eventlet.spawn(ticker)
    writers = [eventlet.spawn(writer, index) for index in range(WRITERS)]
    eventlet.sleep(0.5)
    answered_while_held = sorted(outcomes)
    committed_while_held = [index for index in range(WRITERS) if committed(ids[index])]
    ticks_while_held = ticks
    gate.set()
    for thread in writers:
        thread.wait()
    print(json.dumps({
        "answered_while_held": answered_while_held,
        "committed_while_held": committed_while_held,
        "hub_ticks_while_held": ticks_while_held,
        "outcomes": {str(index): outcome for index, outcome in sorted(outcomes.items())},
        "committed_when_answered": {str(index): seen for index, seen in sorted(seen_when_answered.items())},
        "committed_at_the_end": [index for index in range(WRITERS) if committed(ids[index])],
    }))


if __name__ == "__main__":
    main(sys.argv[1])
