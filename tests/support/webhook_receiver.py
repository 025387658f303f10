"""Real HTTP receivers on loopback: one that verifies Standard Webhooks signatures with the
`standardwebhooks` package, keeps what it accepted, and answers with chosen status codes; and
a stand-in for LINE's Messaging API push endpoint."""
import http.server
import json
import threading
import time

from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from tests.support.rabbitmq import free_port


class WebhookReceiver:
    """`with WebhookReceiver() as receiver:` then `receiver.secrets.append(secret)`.

    `answers`: status codes to give, in order, before answering 204; `delay`: seconds to wait
    before answering (a slow endpoint). A delivery whose signature no known secret verifies is
    answered 400 and kept in `rejected`.
    """

    def __init__(self, delay: float = 0.0):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/hooks"
        self.secrets: list[str] = []
        self.accepted: list[dict] = []  # {"id", "headers", "payload"}
        self.rejected: list[str] = []
        self.answers: list[int] = []
        self.delay = delay
        self.lock = threading.Lock()
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def serve_tls(self, context) -> None:
        """Answer over TLS (https://…:port); call it before entering."""
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)

    def __enter__(self) -> "WebhookReceiver":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    def verify(self, body: bytes, headers: dict) -> dict:
        for secret in self.secrets:
            try:
                return Webhook(secret).verify(body, headers)
            except WebhookVerificationError:
                continue
        raise WebhookVerificationError("no secret verifies this delivery")

    def wait_for(self, count: int, timeout: float = 30.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.accepted) >= count:
                    return list(self.accepted)
            time.sleep(0.05)
        raise AssertionError(f"{count} webhook(s) not received in {timeout}s; got {len(self.accepted)}")

    def _handler(self):
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                headers = {k.lower(): v for k, v in self.headers.items()}
                if receiver.delay:
                    time.sleep(receiver.delay)
                with receiver.lock:
                    forced = receiver.answers.pop(0) if receiver.answers else None
                if forced is not None:
                    return self._answer(forced)
                try:
                    payload = receiver.verify(body, headers)
                except WebhookVerificationError:
                    with receiver.lock:
                        receiver.rejected.append(headers.get("webhook-id", ""))
                    return self._answer(400)
                with receiver.lock:
                    receiver.accepted.append({"id": headers["webhook-id"], "headers": headers,
                                              "payload": payload})
                self._answer(204)

            def _answer(self, status: int):
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler




class LineStandIn:
    """A local stand-in for LINE's Messaging API push endpoint (POST /v2/bot/message/push):
    LINE itself is outside the system. It checks the channel access token, keeps each push,
    and answers a repeated X-Line-Retry-Key with 409 as LINE does.

    `answers`: status codes to give, in order, before answering normally. Its address is known
    from construction but it listens only from `with`: an end-to-end test passes the URL to the
    platform, then starts it once the platform has started (and eventlet has patched threads).
    """

    def __init__(self, access_token: str = "test-channel-token"):
        self.access_token = access_token
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.pushes: list[dict] = []  # {"to", "text", "retry_key"}
        self.answers: list[int] = []
        self.lock = threading.Lock()

    def __enter__(self) -> "LineStandIn":
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()

    def to(self, user_id: str) -> list[dict]:
        with self.lock:
            return [p for p in self.pushes if p["to"] == user_id]

    def wait_for(self, user_id: str, count: int = 1, timeout: float = 30.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(user_id)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"{count} LINE push(es) to {user_id} not received in {timeout}s")

    def _handler(self):
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path != "/v2/bot/message/push":
                    return self._answer(404, {"message": "Not found"})
                if self.headers.get("Authorization") != f"Bearer {stand_in.access_token}":
                    return self._answer(401, {"message": "Authentication failed"})
                with stand_in.lock:
                    forced = stand_in.answers.pop(0) if stand_in.answers else None
                    if forced is not None:
                        return self._answer(forced, {"message": "forced by the test"})
                    key = self.headers.get("X-Line-Retry-Key")
                    if key and any(p["retry_key"] == key for p in stand_in.pushes):
                        return self._answer(409, {"message": "The retry key is already accepted"})
                    request = json.loads(body)
                    for message in request["messages"]:
                        stand_in.pushes.append({"to": request["to"], "text": message["text"],
                                                "retry_key": key})
                self._answer(200, {"sentMessages": [{"id": "1", "quoteToken": "q"}]})

            def _answer(self, status: int, body: dict):
                raw = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def log_message(self, *args):
                pass

        return Handler
