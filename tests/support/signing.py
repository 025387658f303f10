"""Tests that call a service's RPC directly sign the actor as the gateway does."""
from services.common.signed_actor import sign_for


def signed(actor: dict, service: str, method: str, request: dict, timeout: float = 60.0) -> dict:
    """`actor` signed with the run's key (conftest.py) for `service.method(actor, request)`."""
    return sign_for(actor, service, method, request, timeout)
