"""A stand-in for an OpenTelemetry collector, run as a process of its own (a server thread in an
eventlet-patched test process can hang): it answers every OTLP/HTTP export with 200 and writes
each body to a file in a folder, for the test to read.

    python -m tests.support.otlp_collector PORT FOLDER
"""
import http.server
import subprocess
import sys
import time
import uuid
from pathlib import Path

import requests

from tests.support.rabbitmq import free_port


def serve(port: int, folder: Path) -> None:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            (folder / f"{time.time_ns()}-{uuid.uuid4().hex[:6]}.pb").write_bytes(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/x-protobuf")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_GET(self):  # readiness
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


class OtlpCollector:
    """`with OtlpCollector(folder) as collector:` then `collector.endpoint`, `collector.bodies()`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "OtlpCollector":
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen([sys.executable, "-m", "tests.support.otlp_collector",
                                         str(self.port), str(self.folder)])
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(self.endpoint, timeout=1)
                return self
            except requests.ConnectionError:
                assert self.process.poll() is None and time.monotonic() < deadline, "collector did not start"
                time.sleep(0.1)

    def __exit__(self, *exc_info) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def bodies(self) -> list[bytes]:
        return [path.read_bytes() for path in sorted(self.folder.glob("*.pb"))]


if __name__ == "__main__":
    serve(int(sys.argv[1]), Path(sys.argv[2]))
