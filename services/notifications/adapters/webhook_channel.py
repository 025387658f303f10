"""Webhook POSTs over HTTP(S) with a timeout; any non-2xx answer is a failure to retry
(Standard Webhooks), 410 Gone a permanent one."""
import urllib.error
import urllib.request

from services.notifications.domain.delivery import SendFailed

GONE = 410


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is answered as the failure it is: following it could lead anywhere."""

    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class HttpWebhookChannel:
    def __init__(self, timeout: float = 10.0):
        self._timeout = timeout

    def post(self, url: str, headers: dict, body: bytes) -> int:
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={**headers, "user-agent": "Kyodo-Webhooks/1"})
        try:
            with _opener.open(request, timeout=self._timeout) as response:
                response.read(1024)
                return response.status
        except urllib.error.HTTPError as exc:
            raise SendFailed(f"HTTP {exc.code}", permanent=exc.code == GONE,
                             status_code=exc.code) from exc
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            raise SendFailed(f"no answer: {type(exc).__name__}") from exc
