"""A service stopped before its consumers are ready stops. nameko 2.14's own queue consumer
never does: its second consumer's stop raises "Trying to re-send() an already-triggered event"
(`python -m services.common.tests.queue_consumer_stop_probe nameko` never prints "stopped")."""
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[3]


def test_a_service_stopped_before_its_consumers_are_ready_stops():
    probe = subprocess.run([sys.executable, "-m", "services.common.tests.queue_consumer_stop_probe"],
                           cwd=REPOSITORY, capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip() == "stopped", probe.stdout + probe.stderr
