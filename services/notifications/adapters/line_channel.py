"""LINE Messaging API push (line-bot-sdk), with the channel access token from the environment
and LINE's base URL configurable (tests use a local stand-in; LINE itself is outside).

The delivery's id goes as X-Line-Retry-Key: LINE accepts one push per key, so a retry after a
lost answer cannot send twice (LINE answers 409 to the repeat: it was sent).
"""
import os

from linebot.v3.messaging import (ApiClient, Configuration, MessagingApi, PushMessageRequest,
                                  TextMessage)
from linebot.v3.messaging.exceptions import ApiException

from services.notifications.app.ports import OutgoingLine
from services.notifications.domain.delivery import SendFailed

DEFAULT_BASE_URL = "https://api.line.me"
ALREADY_ACCEPTED = 409


class LineMessagingChannel:
    def __init__(self, access_token: str, base_url: str = DEFAULT_BASE_URL, timeout: float = 10.0):
        self._configuration = Configuration(host=base_url, access_token=access_token)
        self._timeout = timeout

    @classmethod
    def from_environment(cls) -> "LineMessagingChannel":
        return cls(os.environ.get("KYODO_LINE_CHANNEL_ACCESS_TOKEN", ""),
                   os.environ.get("KYODO_LINE_API_BASE_URL", DEFAULT_BASE_URL),
                   float(os.environ.get("KYODO_LINE_TIMEOUT", "10")))

    def push(self, message: OutgoingLine) -> None:
        if not self._configuration.access_token:
            raise SendFailed("LINE のチャネルアクセストークンが未設定です / no LINE channel access token")
        try:
            with ApiClient(self._configuration) as client:
                MessagingApi(client).push_message(
                    PushMessageRequest(to=message.to, messages=[TextMessage(text=message.text)]),
                    x_line_retry_key=message.retry_key, _request_timeout=self._timeout)
        except ApiException as exc:
            if exc.status == ALREADY_ACCEPTED:
                return
            # 400: a bad user id or message, retrying cannot help; 429 and 5xx are retried.
            raise SendFailed(f"LINE {exc.status}", permanent=exc.status == 400,
                             status_code=exc.status) from exc
        except Exception as exc:  # urllib3's connection errors and timeouts
            raise SendFailed(f"LINE unavailable: {type(exc).__name__}") from exc
