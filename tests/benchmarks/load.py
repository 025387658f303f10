"""A closed-loop HTTP load generator: C keep-alive connections, each sending its next request
as soon as the last answered, for a fixed time. Shared by the gateway benchmarks."""
import http.client
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlparse


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] if ordered else float("nan")

    def summary(self) -> str:
        return (f"{self.rate:7,.0f} req/s  p50 {statistics.median(self.latencies_ms):6.1f} ms  "
                f"p99 {self.percentile(99):6.1f} ms  errors {self.errors}")


def run_load(base_url: str, make_request, connections: int = 20, seconds: float = 10.0,
             expect=(200, 201)) -> LoadResult:
    """`make_request(worker, n)` → (method, path, body bytes or None, headers)."""
    parsed = urlparse(base_url)
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    start_line = threading.Barrier(connections + 1)

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        mine, bad, n = [], 0, 0
        start_line.wait()
        while time.monotonic() < stop:
            method, path, body, headers = make_request(index, n)
            n += 1
            began = time.perf_counter()
            try:
                connection.request(method, parsed.path.rstrip("/") + path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status in expect
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
                ok = False
            mine.append((time.perf_counter() - began) * 1000)
            bad += not ok
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in threads:
        thread.start()
    start_line.wait()
    began = time.monotonic()
    for thread in threads:
        thread.join()
    return LoadResult(len(latencies), errors[0], time.monotonic() - began, latencies)
