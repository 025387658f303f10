"""Concurrent units of work in one eventlet process: each writer gets its own outcome, none is
answered before its commit is durable, and the hub keeps serving while commits are in flight.
The probe (concurrent_commits_probe.py) runs in a process of its own, patched as services are."""
import json
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
WRITERS, FAILING = 6, 3


def probe(database_url: str) -> dict:
    run = subprocess.run([sys.executable, "-m", "tests.adapters.concurrent_commits_probe",
                          database_url], cwd=REPOSITORY, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_concurrent_writers_each_get_their_own_outcome_and_only_after_commit(database_url):
    seen = probe(database_url)
    succeeding = [index for index in range(WRITERS) if index != FAILING]
    assert seen["outcomes"] == {str(i): "failed" if i == FAILING else "committed" for i in range(WRITERS)}
    assert seen["committed_at_the_end"] == succeeding  # the failing one undid only itself
    assert seen["committed_when_answered"] == {str(i): i != FAILING for i in range(WRITERS)}


def test_sqlite_commits_in_flight_answer_nobody_and_leave_the_hub_serving(tmp_path):
    seen = probe(f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    # Every commit is held in its OS thread: nothing is durable, so nobody is answered (the
    # failing writer waits for the write lock the first commit holds) ...
    assert seen["committed_while_held"] == []
    assert seen["answered_while_held"] == []
    # ... while the hub runs other green threads; SQLite's busy handler would have frozen it.
    assert seen["hub_ticks_while_held"] > 10
