"""Fixtures shared by the cross-service suites: real RabbitMQ, real PostgreSQL, real processes."""
import os
import secrets

# Imported here, at a shallow stack: CPython 3.11.7 fails to compile hypothesis when pytest's
# assertion rewriter first meets it deep inside the terminal-summary hook.
import hypothesis  # noqa: F401

import pytest

from tests.support.platform import running_platform
from tests.support.rabbitmq import PrivateBroker, private_vhost
from tests.support.throwaway_postgres import throwaway_database

# One actor signing key per test run, inherited by every process the tests start.
os.environ.setdefault("KYODO_ACTOR_SIGNING_KEY", secrets.token_urlsafe(32))



@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each adapter test runs on the embedded SQLite default and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    yield request.getfixturevalue("postgres_url")


@pytest.fixture
def postgres_url():
    with throwaway_database() as url:
        yield url


@pytest.fixture
def vhost_uri():
    with private_vhost() as uri:
        yield uri


@pytest.fixture(scope="module")
def module_vhost_uri():
    with private_vhost() as uri:
        yield uri


@pytest.fixture(scope="module")
def platform(tmp_path_factory, module_vhost_uri):
    with running_platform(tmp_path_factory.mktemp("platform"), module_vhost_uri) as running:
        yield running


@pytest.fixture
def private_broker():
    broker = PrivateBroker()
    broker.start()
    yield broker
    broker.destroy()
