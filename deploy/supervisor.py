"""A small process supervisor: starts each process, restarts it when it exits.

nameko's consumer can exit when the broker restarts mid-ack, so every process of the
platform runs under one (this locally; compose `restart:` and Kubernetes elsewhere).
"""
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class ProcessSpec:
    name: str
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class _Child:
    spec: ProcessSpec
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    restarts: int = 0  # consecutive quick deaths, for the backoff
    total_restarts: int = 0


class Supervisor:
    def __init__(self, specs: list[ProcessSpec], log_dir: Path, max_backoff: float = 10.0):
        self._children = {spec.name: _Child(spec) for spec in specs}
        self._log_dir = log_dir
        self._max_backoff = max_backoff
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None

    def start(self) -> None:
        self._log_dir.mkdir(parents=True, exist_ok=True)
        for child in self._children.values():
            self._spawn(child)
        self._watcher = threading.Thread(target=self._watch, name="supervisor", daemon=True)
        self._watcher.start()

    def _spawn(self, child: _Child) -> None:
        log_file = open(self._log_dir / f"{child.spec.name}.log", "ab")
        child.process = subprocess.Popen(
            child.spec.argv, env={**os.environ, **child.spec.env}, stdout=log_file,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
        log_file.close()
        child.started_at = time.monotonic()

    def _watch(self) -> None:
        while not self._stopping.wait(0.2):
            for child in self._children.values():
                with self._lock:
                    if self._stopping.is_set() or child.process.poll() is None:
                        continue
                    code = child.process.returncode
                    # Back off only when a process keeps dying young.
                    young = time.monotonic() - child.started_at < 30
                    child.restarts = child.restarts + 1 if young else 1
                    delay = min(0.5 * 2 ** (child.restarts - 1), self._max_backoff)
                print(f"[supervisor] {child.spec.name} exited ({code}); restarting in {delay:.1f}s",
                      file=sys.stderr, flush=True)
                if self._stopping.wait(delay):
                    return
                with self._lock:
                    if not self._stopping.is_set():
                        self._spawn(child)
                        child.total_restarts += 1

    def restarts(self, name: str) -> int:
        """How many times the process was started again after it exited."""
        return self._children[name].total_restarts

    def pid(self, name: str) -> int:
        return self._children[name].process.pid

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Kill a child the hard way (tests of crash recovery); the watcher restarts it."""
        with self._lock:
            try:
                os.kill(self._children[name].process.pid, sig)
            except ProcessLookupError:
                pass  # it had just exited on its own (a broker restart, say): the watcher restarts it

    def stop(self, timeout: float = 15.0) -> None:
        self._stopping.set()
        with self._lock:
            for child in self._children.values():
                if child.process and child.process.poll() is None:
                    child.process.terminate()
            deadline = time.monotonic() + timeout
            for child in self._children.values():
                if child.process is None:
                    continue
                try:
                    child.process.wait(max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.process.kill()
                    child.process.wait()
