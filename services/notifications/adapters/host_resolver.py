"""The system resolver (DNS, /etc/hosts) as the webhook checks need it: every address a name has."""
import socket


class SocketHostResolver:
    def addresses(self, host: str) -> list[str]:
        try:
            found = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError):
            return []  # not resolvable (yet): registration accepts it, a send retries later
        # An IPv6 link-local answer may carry a zone ("fe80::1%eth0"): the address is before it.
        return list(dict.fromkeys(info[4][0].split("%", 1)[0] for info in found))
