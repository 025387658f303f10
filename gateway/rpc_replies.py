"""The gateway reads its RPC replies from the broker in gulps, not frame field by frame field.

py-amqp receives exactly the bytes it is about to parse: a frame's header, its payload, its end
octet, so three recv calls a frame and nine for a reply (method, header and body frames), each
a system call and a trip through eventlet's green socket. Reading up to READ_SIZE bytes at a time
takes a reply, or several, in one call; what is left over waits in py-amqp's own read buffer
for the next frame, which its frame reader already expects (it keeps that buffer across timeouts).
"""
import errno
import socket

from amqp.transport import TCPTransport
from kombu.transport import pyamqp

# services/common's reply listener: replies taken without acks, a consumer that can stop while starting.
from services.common.nameko_queue_consumer import StartSafeQueueConsumer, _ReplyListener

READ_SIZE = 16 * 1024


class _GulpingTransport(TCPTransport):
    def _read(self, n, initial=False, _errnos=(errno.EAGAIN, errno.EINTR)):
        # As TCPTransport._read, but each recv asks for READ_SIZE when it needs less.
        recv = self._quick_recv
        buffered = self._read_buffer
        try:
            while len(buffered) < n:
                try:
                    received = recv(max(n - len(buffered), READ_SIZE))
                except OSError as exc:
                    if exc.errno in _errnos:
                        if initial and self.raise_on_initial_eintr:
                            raise socket.timeout()
                        continue
                    raise
                if not received:
                    raise OSError("Server unexpectedly closed connection")
                buffered += received
        except:  # noqa: E722  (as py-amqp: whatever stops the read, keep what came)
            self._read_buffer = buffered
            raise
        result, self._read_buffer = buffered[:n], buffered[n:]
        return result


class _GulpingConnection(pyamqp.Connection):
    def Transport(self, host, connect_timeout, ssl=False, read_timeout=None,  # noqa: N802 (py-amqp's)
                  write_timeout=None, socket_settings=None, **kwargs):
        if ssl:
            return super().Transport(host, connect_timeout, ssl, read_timeout, write_timeout,
                                     socket_settings=socket_settings, **kwargs)
        return _GulpingTransport(host, connect_timeout=connect_timeout, read_timeout=read_timeout,
                                 write_timeout=write_timeout, socket_settings=socket_settings, **kwargs)


class _GulpingKombuTransport(pyamqp.Transport):
    Connection = _GulpingConnection


class _ReplyConsumer(StartSafeQueueConsumer):
    @property
    def connection(self):
        return super().connection.clone(transport=_GulpingKombuTransport)


class GulpingReplyListener(_ReplyListener):
    queue_consumer = _ReplyConsumer()
