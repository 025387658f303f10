"""The gateway's connections send without Nagle's delay: eventlet writes a larger response's
headers apart from its body, and with Nagle the body then waited for the client's delayed ACK."""
import socket

from gateway.web import KyodoWebServer


class RecordingServer:
    def __init__(self):
        self.requests = []

    def process_request(self, request):
        self.requests.append(request)


def test_each_accepted_connection_has_nagle_off():
    with socket.create_server(("127.0.0.1", 0)) as listener, \
            socket.create_connection(listener.getsockname()) as client:
        accepted, address = listener.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
            server = KyodoWebServer()
            server._serv = RecordingServer()
            server.process_request(accepted, address)
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1
            assert len(server._serv.requests) == 1  # and handed on to eventlet's server
