"""Webhook POSTs over HTTP(S) with a timeout; any non-2xx answer is a failure to retry
(Standard Webhooks), 410 Gone a permanent one.

The URL's host is resolved here, every address checked (no private ones unless
KYODO_WEBHOOKS_ALLOW_PRIVATE is on), and the connection made to the address that was checked,
with the name kept for the Host header and TLS: a name that resolves differently a moment later
(DNS rebinding) cannot redirect the send. Redirects are not followed: they could lead anywhere.
"""
import http.client
import socket
import ssl
from urllib.parse import urlsplit

from services.notifications.app.ports import HostResolver
from services.notifications.domain.delivery import SendFailed
from services.notifications.domain.webhook_endpoint import (RESOLVES_PRIVATE, is_private,
                                                            literal_address)

GONE = 410
_DEFAULT_PORTS = {"http": 80, "https": 443}


class _PinnedHttpsConnection(http.client.HTTPSConnection):
    """TLS to a checked address, verifying the certificate for the URL's name."""

    def __init__(self, address: str, port: int, server_name: str, timeout: float):
        super().__init__(address, port, timeout=timeout, context=ssl.create_default_context())
        self._server_name = server_name

    def connect(self):
        raw = socket.create_connection((self.host, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self._server_name)


class HttpWebhookChannel:
    def __init__(self, timeout: float, resolver: HostResolver, allow_private: bool):
        self._timeout = timeout
        self._resolver = resolver
        self._allow_private = allow_private

    def post(self, url: str, headers: dict, body: bytes) -> int:
        parts = urlsplit(url)
        connection = self._connected(parts.scheme, parts.hostname or "",
                                     parts.port or _DEFAULT_PORTS[parts.scheme])
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("POST", path, body=body, headers={
                **headers, "host": parts.netloc.rpartition("@")[2],
                "user-agent": "Kyodo-Webhooks/1"})
            response = connection.getresponse()
            response.read(1024)
        except (OSError, http.client.HTTPException) as exc:
            raise SendFailed(f"no answer: {type(exc).__name__}") from exc
        finally:
            connection.close()
        if not 200 <= response.status < 300:
            raise SendFailed(f"HTTP {response.status}", permanent=response.status == GONE,
                             status_code=response.status)
        return response.status

    def _checked_addresses(self, host: str) -> list[str]:
        literal = literal_address(host)
        addresses = [literal] if literal else self._resolver.addresses(host)
        if not addresses:
            raise SendFailed("名前解決できません / the host does not resolve")
        if not self._allow_private and any(is_private(a) for a in addresses):
            raise SendFailed(RESOLVES_PRIVATE)
        return addresses

    def _connected(self, scheme: str, host: str, port: int) -> http.client.HTTPConnection:
        """A connection to the first checked address that answers, in the resolver's order."""
        failure: OSError | None = None
        for address in self._checked_addresses(host):
            connection = (_PinnedHttpsConnection(address, port, host, self._timeout)
                          if scheme == "https"
                          else http.client.HTTPConnection(address, port, timeout=self._timeout))
            try:
                connection.connect()
                return connection
            except OSError as exc:
                connection.close()
                failure = exc
        raise SendFailed(f"no answer: {type(failure).__name__}") from failure
