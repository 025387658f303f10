"""The correlation id of the work in progress, readable from any layer and every log line.

A ContextVar is per greenlet under eventlet, so concurrent workers never see each other's id.
"""
import uuid
from contextvars import ContextVar

current_correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)


def new_correlation_id() -> str:
    return str(uuid.uuid4())
