"""Throwaway PostgreSQL databases for tests and benchmarks, with a UTF-8 ctype (pg_trgm ignores
Japanese under C). The server is KYODO_TEST_POSTGRES_URL, an admin URL."""
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text

POSTGRES_ADMIN_URL = os.environ.get("KYODO_TEST_POSTGRES_URL",
                                    "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


@contextmanager
def throwaway_database(prefix: str = "kyodo_test") -> Iterator[str]:
    """The URL of a new database, dropped afterwards (its connections with it)."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                                    f"LC_CTYPE 'C.UTF-8' TEMPLATE template0"))
        yield POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
