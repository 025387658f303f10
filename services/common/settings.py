"""Process settings from the environment (12-factor), with defaults for one machine."""
import os

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"


def amqp_uri() -> str:
    return os.environ.get("KYODO_AMQP_URI", DEFAULT_AMQP_URI)


def nameko_config(default_http_port: int) -> dict:
    """A process's nameko config; its HTTP (health, gateway) port unless KYODO_HTTP_ADDRESS says."""
    return {
        "AMQP_URI": amqp_uri(),
        "WEB_SERVER_ADDRESS": os.environ.get("KYODO_HTTP_ADDRESS", f"127.0.0.1:{default_http_port}"),
        "max_workers": int(os.environ.get("KYODO_MAX_WORKERS", "10")),
        "parent_calls_tracked": 10,
        "serializer": "json",
        "RPC_TIMEOUT": float(os.environ.get("KYODO_RPC_TIMEOUT", "10")),
        # Seconds without traffic before a broker connection counts as dead (nameko's default).
        "HEARTBEAT": int(os.environ.get("KYODO_AMQP_HEARTBEAT", "60")),
    }
