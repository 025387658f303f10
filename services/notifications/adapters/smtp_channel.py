"""E-mail over SMTP: plain, STARTTLS or implicit TLS, credentials from the environment.

A 5xx answer (a refused mailbox) is permanent; a 4xx, a timeout or a refused connection is
retried by the sender with backoff. Each send has a timeout, so a stalled server holds one
sender slot for at most that long. Connections are kept and reused (a handshake, STARTTLS and
login cost more than the message); one the server has dropped meanwhile is replaced once.
"""
import os
import smtplib
import socket
import ssl
import threading
from dataclasses import dataclass

from services.notifications.adapters.email_composer import compose
from services.notifications.app.ports import OutgoingEmail
from services.notifications.domain.delivery import SendFailed


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "127.0.0.1"
    port: int = 25
    security: str = "none"  # none | starttls | ssl
    username: str | None = None
    password: str | None = None
    sender: str = "Kyodo <noreply@kyodo.invalid>"
    timeout: float = 10.0
    idle_connections: int = 8

    @classmethod
    def from_environment(cls) -> "SmtpSettings":
        env = os.environ
        return cls(host=env.get("KYODO_SMTP_HOST", "127.0.0.1"),
                   port=int(env.get("KYODO_SMTP_PORT", "25")),
                   security=env.get("KYODO_SMTP_SECURITY", "none"),
                   username=env.get("KYODO_SMTP_USERNAME") or None,
                   password=env.get("KYODO_SMTP_PASSWORD") or None,
                   sender=env.get("KYODO_SMTP_FROM", cls.sender),
                   timeout=float(env.get("KYODO_SMTP_TIMEOUT", "10")))


class SmtpChannel:
    def __init__(self, settings: SmtpSettings):
        self._settings = settings
        self._idle: list[smtplib.SMTP] = []
        self._lock = threading.Lock()

    def send(self, email: OutgoingEmail) -> None:
        message = compose(email, self._settings.sender)
        try:
            smtp, reused = self._take()
            try:
                self._send_on(smtp, message)
            except (smtplib.SMTPServerDisconnected, ConnectionError):
                if not reused:
                    raise
                self._send_on(self._connect(), message)  # the kept connection had gone stale
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _ in exc.recipients.values()]
            raise SendFailed(f"recipient refused: {codes}",
                             permanent=all(code >= 500 for code in codes)) from exc
        except smtplib.SMTPResponseException as exc:
            raise SendFailed(f"SMTP {exc.smtp_code}", permanent=exc.smtp_code >= 500) from exc
        except (smtplib.SMTPException, OSError, socket.timeout) as exc:
            raise SendFailed(f"SMTP unavailable: {type(exc).__name__}") from exc

    def _send_on(self, smtp: smtplib.SMTP, message) -> None:
        try:
            smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused:
            self._give_back(smtp)  # the connection is fine; the mailbox is not
            raise
        except BaseException:
            _close(smtp)
            raise
        self._give_back(smtp)

    def _take(self) -> tuple[smtplib.SMTP, bool]:
        with self._lock:
            if self._idle:
                return self._idle.pop(), True
        return self._connect(), False

    def _give_back(self, smtp: smtplib.SMTP) -> None:
        with self._lock:
            if len(self._idle) < self._settings.idle_connections:
                self._idle.append(smtp)
                return
        _close(smtp)

    def _connect(self) -> smtplib.SMTP:
        settings = self._settings
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
        if settings.username:
            smtp.login(settings.username, settings.password or "")
        return smtp


def _close(smtp: smtplib.SMTP) -> None:
    try:
        smtp.close()
    except OSError:
        pass
