"""A small TCP proxy on loopback for network faults between a process and the broker.

  down()                   closes every proxied connection and refuses new ones until up()
  latency(seconds)         delays every chunk by `seconds`, both ways (a slow link, not a slow
                           pipe: chunks are timestamped and sent when due)
  blackhole(direction)     stops carrying bytes "upstream" (client → server) or "downstream"
                           without closing anything, like a partition that drops packets: TCP
                           buffers fill and only heartbeats or timeouts notice
  heal()                   everything flows again (held bytes are delivered, as TCP would
                           retransmit them)
"""
import queue
import select
import socket
import threading
import time


class TcpProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._down = False
        self._delay = 0.0
        self._held = {"upstream": False, "downstream": False}
        self._connections: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.accepted = 0
        threading.Thread(target=self._accept, daemon=True, name="tcp-proxy").start()

    def uri(self, amqp_uri: str) -> str:
        """The same AMQP URI, through the proxy."""
        head, _, rest = amqp_uri.partition("@")
        _, _, path = rest.partition("/")
        return f"{head}@127.0.0.1:{self.port}/{path}"

    # --- faults ------------------------------------------------------------------------------

    def down(self) -> None:
        self._down = True
        with self._lock:
            connections, self._connections = self._connections, []
        for pair in connections:
            for sock in pair:
                _close(sock)

    def up(self) -> None:
        self._down = False

    def latency(self, seconds: float) -> None:
        self._delay = seconds

    def blackhole(self, direction: str) -> None:
        self._held[direction] = True

    def heal(self) -> None:
        self._down = False
        self._delay = 0.0
        self._held = {"upstream": False, "downstream": False}

    def close(self) -> None:
        self._stopping.set()
        self.down()
        _close(self._listener)

    # --- plumbing ----------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._down:
                _close(client)
                continue
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _close(client)
                continue
            self.accepted += 1
            with self._lock:
                self._connections.append((client, server))
            for source, target, direction in ((client, server, "upstream"), (server, client, "downstream")):
                chunks: queue.Queue = queue.Queue()
                threading.Thread(target=self._read, args=(source, target, direction, chunks), daemon=True).start()
                threading.Thread(target=self._write, args=(source, target, chunks), daemon=True).start()

    def _read(self, source, target, direction, chunks) -> None:
        try:
            while not self._stopping.is_set():
                if self._held[direction]:
                    time.sleep(0.05)  # not reading: the sender's TCP window fills, as in a partition
                    continue
                readable, _, _ = select.select([source], [], [], 0.1)
                if not readable:
                    continue
                data = source.recv(65536)
                if not data:
                    break
                chunks.put((time.monotonic() + self._delay, data))
        except (OSError, ValueError):  # ValueError: the socket was closed under select()
            pass
        chunks.put((0.0, None))

    def _write(self, source, target, chunks) -> None:
        try:
            while True:
                due, data = chunks.get()
                if data is None:
                    break
                wait = due - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                target.sendall(data)
        except OSError:
            pass
        _close(source)
        _close(target)


def _close(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass
