"""A kombu transport whose socket reads take what has arrived, not only the next frame.

py-amqp reads exactly what it parses next: a delivered message is three frames, each a header
and a body read apart, so six recv calls (each through eventlet's green socket) per message —
under a backlog, a fifth of an event consumer's CPU. Asking for up to READ_AHEAD bytes leaves
what came beyond the frame in py-amqp's own read buffer, which it reads first (its SSL transport
already reads this way). Nothing waits on the socket's readiness while data sits in that buffer:
the consumer only ever drains events by reading.
"""
from amqp.transport import TCPTransport
from kombu.transport import pyamqp

# Several deliveries of an event (≈ 700 bytes with headers); each frame read copies what is left
# of the buffer, so not much more.
READ_AHEAD = 8 * 1024


class _ReadAheadTCPTransport(TCPTransport):
    def _setup_transport(self):
        super()._setup_transport()
        recv = self.sock.recv
        self._quick_recv = lambda wanted: recv(max(wanted, READ_AHEAD))


class _ReadAheadConnection(pyamqp.Connection):
    def Transport(self, host, connect_timeout, ssl=False, read_timeout=None,  # noqa: N802 (py-amqp's)
                  write_timeout=None, socket_settings=None, **kwargs):
        if ssl:
            return super().Transport(host, connect_timeout, ssl, read_timeout, write_timeout,
                                     socket_settings, **kwargs)
        return _ReadAheadTCPTransport(host, connect_timeout=connect_timeout, read_timeout=read_timeout,
                                      write_timeout=write_timeout, socket_settings=socket_settings,
                                      **kwargs)


class ReadAheadTransport(pyamqp.Transport):
    Connection = _ReadAheadConnection
