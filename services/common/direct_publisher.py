"""Confirmed publishing of one message straight to a named queue (retries, parking, replays)."""
import kombu
from kombu.pools import producers


class DirectPublisher:
    def __init__(self, amqp_uri: str):
        self._connection = kombu.Connection(amqp_uri, transport_options={"confirm_publish": True})

    def to_queue(self, queue_name: str, body: bytes, *, message_id: str | None,
                 content_type: str, headers: dict) -> None:
        """Return only once the broker confirmed the message (raises otherwise)."""
        with producers[self._connection].acquire(block=True, timeout=10) as producer:
            producer.publish(body, exchange="", routing_key=queue_name, headers=headers,
                             content_type=content_type, content_encoding="utf-8",
                             delivery_mode=2, message_id=message_id, mandatory=True,
                             retry=True, retry_policy={"max_retries": 3})

    def close(self) -> None:
        self._connection.release()
