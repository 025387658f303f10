"""The HTTP client the demo loaders share: authenticated, idempotent, patient with the gateway."""
import json
import time
import urllib.error
import urllib.request
import uuid


class DemoApi:
    def __init__(self, base: str, key: str, patience: float = 120.0):
        self.base, self.key, self._patience = base.rstrip("/"), key, patience

    def call(self, method: str, path: str, body: dict | None = None, key: str | None = None) -> dict:
        """The parsed JSON answer; RuntimeError with the status on an error. A 429 is waited
        out (Retry-After) and retried with the same Idempotency-Key."""
        idempotency_key = str(uuid.uuid4())
        deadline = time.monotonic() + self._patience
        while True:
            request = urllib.request.Request(
                f"{self.base}{path}", method=method,
                data=json.dumps(body, ensure_ascii=False).encode() if body is not None else None,
                headers={"Authorization": f"Bearer {key or self.key}", "Content-Type": "application/json",
                         "Idempotency-Key": idempotency_key})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return json.loads(response.read())
            except urllib.error.HTTPError as error:
                if error.code == 429 and time.monotonic() < deadline:
                    time.sleep(float(error.headers.get("Retry-After", "1")))
                    continue
                raise RuntimeError(f"{method} {path}: {error.code} {error.read().decode()}") from error


def when_known(post, wait: float = 30.0):
    """Matching learns of organisations from registry's events, a moment after registry commits."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return post()
        except RuntimeError as error:
            if "unknown organisation" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.3)
