"""Process settings from the environment (12-factor), with defaults for one machine."""
import os

DEFAULT_AMQP_URI = "amqp://guest:guest@127.0.0.1:5672/"
# Each service's health port when KYODO_HTTP_ADDRESS is not set.
DEFAULT_HTTP_PORTS = {"gateway": 8000, "registry": 8101, "matching": 8102,
                      "notifications": 8103, "reports": 8104}
SERVICE_NAMES = ("registry", "matching", "notifications", "reports")


def amqp_uri() -> str:
    return os.environ.get("KYODO_AMQP_URI", DEFAULT_AMQP_URI)


def nameko_config(service: str) -> dict:
    return {
        "AMQP_URI": amqp_uri(),
        "WEB_SERVER_ADDRESS": os.environ.get(
            "KYODO_HTTP_ADDRESS", f"127.0.0.1:{DEFAULT_HTTP_PORTS[service]}"),
        "max_workers": int(os.environ.get("KYODO_MAX_WORKERS", "10")),
        "parent_calls_tracked": 10,
        "serializer": "json",
        "RPC_TIMEOUT": float(os.environ.get("KYODO_RPC_TIMEOUT", "10")),
    }
