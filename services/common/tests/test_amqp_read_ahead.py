"""The event-batch connection's transport reads what has arrived, and parses the same frames."""
import socket
import struct

import pytest

from services.common.amqp_read_ahead import READ_AHEAD, ReadAheadTransport, _ReadAheadTCPTransport
from services.common.nameko_events import EventsQueueConsumer


def frame(frame_type: int, channel: int, payload: bytes) -> bytes:
    return struct.pack(">BHI", frame_type, channel, len(payload)) + payload + b"\xce"


class ArrivedBytes:
    """A socket holding what the broker has sent, recording how much each recv asked for."""

    def __init__(self, data: bytes):
        self.data = data
        self.asked: list[int] = []

    def recv(self, wanted: int) -> bytes:
        self.asked.append(wanted)
        given, self.data = self.data[:wanted], self.data[wanted:]
        return given

    def sendall(self, data: bytes) -> None:
        raise AssertionError("nothing is sent here")


def test_frames_that_arrived_together_are_parsed_from_one_read():
    frames = [frame(1, 1, b"method"), frame(2, 1, b"header" * 10), frame(3, 1, b"body" * 100)]
    transport = _ReadAheadTCPTransport("localhost:5672")
    transport.sock = ArrivedBytes(b"".join(frames) * 3)
    transport._setup_transport()
    parsed = [transport.read_frame() for _ in range(9)]
    assert [(frame_type, channel, bytes(payload)) for frame_type, channel, payload in parsed] == [
        (1, 1, b"method"), (2, 1, b"header" * 10), (3, 1, b"body" * 100)] * 3
    assert transport.sock.asked == [READ_AHEAD]


def test_a_frame_larger_than_the_read_ahead_is_read_whole():
    body = bytes(range(256)) * (READ_AHEAD // 128)
    transport = _ReadAheadTCPTransport("localhost:5672")
    transport.sock = ArrivedBytes(frame(3, 1, body))
    transport._setup_transport()
    assert bytes(transport.read_frame()[2]) == body


def test_the_event_batch_connection_reads_ahead_and_its_reconnections_too():
    consumer = EventsQueueConsumer.__new__(EventsQueueConsumer)
    consumer.container = type("Container", (), {"config": {"AMQP_URI": "amqp://guest:guest@localhost:5672/"}})()
    connection = consumer.connection
    assert connection.transport_cls is ReadAheadTransport
    assert connection.clone().transport_cls is ReadAheadTransport


def over_socket(sock) -> _ReadAheadTCPTransport:
    transport = _ReadAheadTCPTransport("localhost:5672")
    transport.sock = sock
    transport._setup_transport()
    return transport


def test_a_read_cut_by_a_timeout_keeps_what_came():
    ours, broker = socket.socketpair()
    with ours, broker:
        transport = over_socket(ours)
        ours.settimeout(0.05)
        broker.sendall(b"half")
        with pytest.raises(socket.timeout):
            transport._read(8)
        broker.sendall(b"-and-more")
        assert transport._read(8) == b"half-and"
        assert transport._read(5) == b"-more"


def test_a_closed_connection_is_an_error():
    ours, broker = socket.socketpair()
    with ours:
        transport = over_socket(ours)
        broker.close()
        with pytest.raises(OSError, match="closed"):
            transport._read(7)
