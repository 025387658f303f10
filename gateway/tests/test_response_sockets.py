"""The gateway's connections send without Nagle's delay: eventlet writes a larger response's
headers apart from its body, and with Nagle the body then waited for the client's delayed ACK.
Its listening socket queues a burst of connections: eventlet's default of 50 dropped the rest's
SYNs, each costing its client a 1 s retransmit."""
import socket
import subprocess
from types import SimpleNamespace

from gateway.web import LISTEN_BACKLOG, KyodoWebServer


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


def test_the_listening_socket_queues_a_burst_of_connections():
    server = KyodoWebServer()
    server.container = SimpleNamespace(config={"WEB_SERVER_ADDRESS": "127.0.0.1:0"},
                                       spawn_managed_thread=lambda run: None)
    server.start()
    try:
        port = server._sock.getsockname()[1]
        # For a listening socket, ss's Send-Q column is its backlog.
        [line] = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True,
                                check=True).stdout.splitlines()
        somaxconn = int(open("/proc/sys/net/core/somaxconn").read())
        assert int(line.split()[2]) == min(LISTEN_BACKLOG, somaxconn) > 50
    finally:
        server._sock.close()
