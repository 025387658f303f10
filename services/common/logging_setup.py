"""JSON logs, one object a line, each carrying the service and the correlation id."""
import logging
import os
import sys

from pythonjsonlogger.json import JsonFormatter

from services.common.correlation import current_correlation_id


class _ContextFilter(logging.Filter):
    def __init__(self, service: str):
        super().__init__()
        self.service = service

    def filter(self, record):
        record.service = self.service
        record.correlation_id = current_correlation_id.get()
        return True


def configure_logging(service: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_ContextFilter(service))
    handler.setFormatter(JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(service)s %(correlation_id)s %(message)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"}))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("KYODO_LOG_LEVEL", "INFO"))
