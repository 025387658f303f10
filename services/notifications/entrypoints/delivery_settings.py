"""Delivery settings from the environment: public links, the signing key, what URLs webhooks
may target, the sender's concurrency."""
import os
import secrets
from pathlib import Path

from services.notifications.app.ports import Links


def links() -> Links:
    return Links(public_url=os.environ.get("KYODO_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/"),
                 signing_key=signing_key())


def signing_key() -> bytes:
    """KYODO_NOTIFICATIONS_SIGNING_KEY, or one made once and kept beside the data, so links in
    sent messages keep working after a restart."""
    configured = os.environ.get("KYODO_NOTIFICATIONS_SIGNING_KEY")
    if configured:
        return configured.encode()
    path = Path(os.environ.get("KYODO_DATA_DIR", "var")).resolve() / "notifications-signing.key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as file:
            file.write(secrets.token_hex(32))
    except FileExistsError:
        pass
    return path.read_text().strip().encode()


def webhooks_allow_private() -> bool:
    """Off in production; tests and a laptop demo post to receivers on loopback."""
    return os.environ.get("KYODO_WEBHOOKS_ALLOW_PRIVATE", "off") in ("on", "1", "true")


def sender_concurrency() -> int:
    return int(os.environ.get("KYODO_SENDER_CONCURRENCY", "20"))


def per_target_concurrency() -> int:
    """At most this many sends at once to one webhook endpoint (or to the SMTP server)."""
    return int(os.environ.get("KYODO_SENDER_PER_TARGET", "4"))


def webhook_timeout() -> float:
    return float(os.environ.get("KYODO_WEBHOOK_TIMEOUT", "10"))


def digest_interval() -> float:
    """Seconds between runs of the digest job (each run catches up on whatever is due)."""
    return float(os.environ.get("KYODO_DIGEST_INTERVAL", "60"))
