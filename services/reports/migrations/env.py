from alembic import context

from services.common.migrations import run_env
from services.reports.adapters.tables import metadata

run_env(context, metadata)
