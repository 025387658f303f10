"""Alembic glue shared by the services: one version table per service, migrations per service.

Tests and the platform build every schema from these migrations, never from create_all.
"""
from pathlib import Path

from alembic import command
from alembic.config import Config

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def migrations_dir(component: str) -> Path:
    """services/<name>/migrations for a service; <name>/migrations for the gateway."""
    service_dir = REPOSITORY_ROOT / "services" / component / "migrations"
    return service_dir if service_dir.is_dir() else REPOSITORY_ROOT / component / "migrations"


def alembic_config(service: str, url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir(service)))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["version_table"] = f"alembic_version_{service}"
    return config


def upgrade(service: str, url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(service, url), revision)


def run_env(context, target_metadata) -> None:
    """Body of every service's migrations/env.py."""
    from sqlalchemy import engine_from_config, pool

    config = context.config
    version_table = config.attributes.get("version_table", "alembic_version")
    connectable = config.attributes.get("connection")
    if connectable is None:
        connectable = engine_from_config(config.get_section(config.config_ini_section, {}),
                                         prefix="sqlalchemy.", poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          version_table=version_table, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
