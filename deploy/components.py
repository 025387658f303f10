"""The processes the platform is made of, and where each listens for health checks by default.

The kernel (services/common) knows no service; this is the one place that lists them.
"""
SERVICE_NAMES = ("registry", "matching", "notifications", "reports")
COMPONENTS = (*SERVICE_NAMES, "gateway")
# Each process's health port when KYODO_HTTP_ADDRESS is not set.
DEFAULT_HTTP_PORTS = {"gateway": 8000, "registry": 8101, "matching": 8102,
                      "notifications": 8103, "reports": 8104}


def service_module(name: str) -> str:
    """The module holding a service's nameko class, `Service`."""
    return f"services.{name}.entrypoints.service"
