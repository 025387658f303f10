"""A client's error (an expected RPC exception) is one INFO line, not a warning with a traceback."""
import io
import json
import logging
import sys

from services.common.errors import NotFound
from services.common.logging_setup import configure_logging


def test_expected_errors_are_info_without_traceback_and_others_keep_theirs(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure_logging("test")
        containers = logging.getLogger("nameko.containers")
        try:
            raise NotFound("団体が見つかりません / not found")
        except NotFound as exc:
            containers.warning("(expected) error handling worker %s: %s", "w", exc, exc_info=True)
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            containers.exception("error handling worker %s: %s", "w", exc)
    finally:
        root.handlers[:] = saved[0]
        root.setLevel(saved[1])
    expected, unexpected = [json.loads(line) for line in out.getvalue().splitlines()]
    assert expected["level"] == "INFO" and "exc_info" not in expected
    assert expected["message"].startswith("client error answered: NotFound")
    assert unexpected["level"] == "ERROR" and "RuntimeError: boom" in unexpected["exc_info"]
