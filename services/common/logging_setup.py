"""JSON logs, one object a line, each carrying the service and the correlation id."""
import logging
import os
import sys

from pythonjsonlogger.json import JsonFormatter

from services.common.correlation import current_correlation_id
from services.common.tracing import current_trace_id


class _ContextFilter(logging.Filter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def filter(self, record):
        record.service = self.service
        record.correlation_id = current_correlation_id.get()
        record.trace_id = current_trace_id()
        return True


class _ExpectedErrors(logging.Filter):
    """nameko logs an RPC's expected (client) error as a WARNING with its traceback; a 4xx is
    the caller's mistake, answered as designed: one INFO line naming it, no traceback."""

    def filter(self, record):
        if record.name == "nameko.containers" and str(record.msg).startswith("(expected)"):
            error = record.exc_info[1] if record.exc_info else None
            record.levelno, record.levelname = logging.INFO, "INFO"
            record.msg, record.args = "client error answered: %s: %s", (type(error).__name__, error)
            record.exc_info = record.exc_text = None
        return True


def configure_logging(service: str) -> None:
    # No line names its thread or process: not collecting them for each record (the logging
    # HOWTO's "Optimization"; under eventlet the current thread is a green one, dear to find)
    # takes a quarter off each line, and the gateway writes one per request.
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_ExpectedErrors())
    handler.addFilter(_ContextFilter(service))
    handler.setFormatter(JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(service)s %(correlation_id)s %(trace_id)s %(message)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("KYODO_LOG_LEVEL", "INFO"))
