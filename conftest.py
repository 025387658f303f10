"""Fixtures shared by the cross-service suites: real RabbitMQ, real PostgreSQL, real processes."""
import os
import secrets
import uuid

# Imported here, at a shallow stack: CPython 3.11.7 fails to compile hypothesis when pytest's
# assertion rewriter first meets it deep inside the terminal-summary hook.
import hypothesis  # noqa: F401

import pytest
from sqlalchemy import create_engine, text

from tests.support.platform import running_platform
from tests.support.rabbitmq import PrivateBroker, private_vhost

# One actor signing key per test run, inherited by every process the tests start.
os.environ.setdefault("KYODO_ACTOR_SIGNING_KEY", secrets.token_urlsafe(32))

POSTGRES_ADMIN_URL = os.environ.get("KYODO_TEST_POSTGRES_URL",
                                    "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


def _postgres_database():
    """A throwaway database with a UTF-8 ctype (pg_trgm ignores Japanese under C)."""
    name = f"kyodo_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                                f"LC_CTYPE 'C.UTF-8' TEMPLATE template0"))
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    return admin, name, url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Each adapter test runs on the embedded SQLite default and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    yield request.getfixturevalue("postgres_url")


@pytest.fixture
def postgres_url():
    admin, name, url = _postgres_database()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


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
