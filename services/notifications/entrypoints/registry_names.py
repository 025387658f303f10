"""Names registry owns, asked for by RPC at request time on behalf of the caller (registry checks
the caller and audit-logs an operator's read), with a deadline: nameko 2.14's proxies would
wait for ever, and a visit list must still print when registry is slow."""
import logging
import os
from dataclasses import asdict

import eventlet
from nameko.exceptions import RemoteError, UnknownService

from services.common import signed_actor
from services.common.actor import Actor
from services.common.errors import KyodoError

log = logging.getLogger(__name__)


def names_timeout() -> float:
    return float(os.environ.get("KYODO_REGISTRY_NAMES_TIMEOUT", "3"))


class RegistryRosterNames:
    def __init__(self, registry_proxy, actor: Actor, timeout: float):
        self._registry = registry_proxy
        self._actor = actor
        self._timeout = timeout

    def household_names(self, organisation_id: str) -> dict[str, str] | None:
        reply = self._call("roster_display_names", {"organisation_id": organisation_id})
        return None if reply is None else {item["entry_id"]: item["name"] for item in reply["items"]}

    def organisation_name(self, organisation_id: str) -> str | None:
        reply = self._call("get_organisation", {"organisation_id": organisation_id})
        return None if reply is None else reply["name"]

    def _call(self, method: str, request: dict) -> dict | None:
        signed = signed_actor.sign_for(asdict(self._actor), "registry", method, request,
                                       self._timeout)
        deadline = eventlet.Timeout(self._timeout)
        try:
            return getattr(self._registry, method).call_async(signed, request).result()
        except (eventlet.Timeout, UnknownService, RemoteError, KyodoError, OSError) as exc:
            log.warning("registry did not answer: printing without names",
                        extra={"rpc_method": method, "error": type(exc).__name__})
            return None
        finally:
            deadline.cancel()
