"""`./kyodo prune [SERVICE …]` against services' databases, and the hourly timer every service
carries to do the same."""
from datetime import datetime, timedelta, timezone
from importlib import import_module
from types import SimpleNamespace

import pytest
from nameko.timer import Timer
from sqlalchemy import MetaData, func, insert, select

from deploy.cli import main
from deploy.components import SERVICE_NAMES, service_module
from services.common.database import database_url, make_engine
from services.common.message_pruning import Pruned, PruningSettings
from services.common.messaging_tables import messaging_tables
from services.common.migrations import upgrade

TABLES = messaging_tables(MetaData())


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KYODO_DATA_DIR", str(tmp_path))
    for name in SERVICE_NAMES:
        monkeypatch.delenv(f"KYODO_{name.upper()}_DATABASE_URL", raising=False)
    return tmp_path


def test_prune_deletes_old_sent_outbox_rows_of_the_services_named(data_dir, capsys):
    old = datetime.now(timezone.utc) - timedelta(days=8)
    engines = {}
    for service in ("matching", "reports"):
        upgrade(service, database_url(service))
        engines[service] = make_engine(database_url(service))
        with engines[service].begin() as connection:
            connection.execute(insert(TABLES.outbox), [
                {"message_id": f"{service}-{n}", "type": "probe.thing_done", "envelope": "{}",
                 "created_at": old, "available_at": old, "sent_at": old if n else None, "attempts": 0}
                for n in range(3)])
    assert main(["prune", "matching"]) == 0
    assert "matching: pruned 2 sent outbox rows (> 7 days) and 0 inbox rows (> 30 days)" in capsys.readouterr().out
    counts = {}
    for service, engine in engines.items():
        with engine.connect() as connection:
            counts[service] = connection.execute(select(func.count()).select_from(TABLES.outbox)).scalar_one()
        engine.dispose()
    assert counts == {"matching": 1, "reports": 3}  # the unsent row stays; reports was not named


def test_prune_refuses_an_unknown_service_and_a_bad_setting(data_dir, capsys, monkeypatch):
    assert main(["prune", "gateway"]) == 2
    assert "unknown service(s): gateway" in capsys.readouterr().err
    monkeypatch.setenv("KYODO_PRUNE_BATCH_SIZE", "lots")
    assert main(["prune"]) == 2
    assert "KYODO_PRUNE_BATCH_SIZE must be a whole number" in capsys.readouterr().err


@pytest.mark.parametrize("service", SERVICE_NAMES)
def test_every_service_prunes_hourly_through_its_unit_of_work(service):
    method = import_module(service_module(service)).Service.prune_messages
    [timer] = method.nameko_entrypoints
    assert isinstance(timer, Timer) and timer.interval == 3600
    asked = []
    stand_in = SimpleNamespace(uow=SimpleNamespace(prune_messages=lambda s: asked.append(s) or Pruned(3, 4)))
    method(stand_in)
    assert asked == [PruningSettings()]
