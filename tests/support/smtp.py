"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, for tests and the
notifications benchmark."""
import email
import email.policy
import threading
import time
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.support.rabbitmq import free_port


class _Keeper:
    def __init__(self, sink: "SmtpSink"):
        self._sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self._sink.refused:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._sink.lock:
            self._sink.messages.append(message)
        return "250 Message accepted for delivery"


class SmtpSink:
    """`with SmtpSink() as sink:` — sink.port, sink.messages (parsed), sink.refused addresses."""

    def __init__(self, keep_bodies: bool = True):
        self.port = free_port()
        self.messages: list[EmailMessage] = []
        self.refused: set[str] = set()
        self.lock = threading.Lock()
        self._controller = Controller(_Keeper(self), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self._controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._controller.stop()

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]

    def wait_for(self, address: str, count: int = 1, timeout: float = 30.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.to(address)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{count} message(s) to {address} not received in {timeout}s; "
                             f"got {len(self.to(address))}")


def text_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_part(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
