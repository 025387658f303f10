"""The gateway's reply connection reads what has arrived in one call, and hands py-amqp exactly
the bytes it asks for, keeping the rest (and a partial read cut by a timeout) for the next."""
import socket

import pytest

from gateway.rpc_replies import READ_SIZE, _GulpingTransport


def transport_over(sock) -> tuple[_GulpingTransport, list[int]]:
    transport = _GulpingTransport.__new__(_GulpingTransport)  # connected by hand, below
    transport.sock = sock
    transport._setup_transport()
    asked = []

    def recv(size):
        asked.append(size)
        return sock.recv(size)
    transport._quick_recv = recv
    return transport, asked


def test_three_frames_fields_come_from_one_recv():
    ours, broker = socket.socketpair()
    with ours, broker:
        transport, asked = transport_over(ours)
        broker.sendall(b"HEADER1" + b"payload" + b"\xce" + b"HEADER2")
        assert [transport._read(7), transport._read(7), transport._read(1), transport._read(7)] == [
            b"HEADER1", b"payload", b"\xce", b"HEADER2"]
        assert asked == [READ_SIZE]


def test_a_read_cut_by_a_timeout_keeps_what_came():
    ours, broker = socket.socketpair()
    with ours, broker:
        transport, _ = transport_over(ours)
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
        transport, _ = transport_over(ours)
        broker.close()
        with pytest.raises(OSError, match="closed"):
            transport._read(7)
