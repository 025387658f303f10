"""An operator's erasure of a person: every service erases what it holds (RPC erase_person),
then the gateway its own part, the API keys and console accounts (with their sessions) acting
for the person and the idempotency records those made or whose stored answer names them."""
import logging
from dataclasses import asdict

from sqlalchemy import Text, cast, delete, or_, select
from sqlalchemy.engine import Engine

from gateway.dispatch import ServiceTimedOut, ServiceUnavailable
from gateway.erasure_schemas import ErasureReportSchema
from gateway.tables import (api_keys, console_accounts, console_password_resets, console_sessions,
                            idempotency_records as records)
from services.common.actor import Actor

log = logging.getLogger(__name__)


def erase_everywhere(call_service, services: tuple[str, ...], engine: Engine, idempotency_engine: Engine,
                     actor: Actor, subject_id: str) -> dict:
    """One holder being down leaves the others done and is reported, so the operator repeats
    until `complete`."""
    holders = []
    for service in services:
        try:
            erased = call_service(service, "erase_person", asdict(actor), {"subject_id": subject_id})
            holders.append({"holder": service, "status": "erased", "erased": erased["erased"]})
        except (ServiceUnavailable, ServiceTimedOut):
            holders.append({"holder": service, "status": "unavailable", "erased": {}})
        except Exception:
            log.exception("erasure failed", extra={"service_name": service})
            holders.append({"holder": service, "status": "failed", "erased": {}})
    holders.append({"holder": "gateway", "status": "erased",
                    "erased": erase_subject(engine, idempotency_engine, subject_id)})
    log.info("audit: personal data erased",
             extra={"audit": True, "key_id": actor.key_id, "statuses": [h["status"] for h in holders]})
    return ErasureReportSchema().dump({"holders": holders,
                                       "complete": all(h["status"] == "erased" for h in holders)})


def erase_subject(engine: Engine, idempotency_engine: Engine, subject_id: str) -> dict[str, int]:
    """Idempotent: a repeat finds nothing left and answers zero counts."""
    with engine.connect() as connection:
        key_ids = list(connection.scalars(select(api_keys.c.id).where(api_keys.c.subject_id == subject_id)))
        account_ids = list(connection.scalars(select(console_accounts.c.id).where(
            console_accounts.c.subject_id == subject_id)))
    with idempotency_engine.begin() as connection:
        # A console account's requests are recorded under its id, as a key's under the key's.
        erased_records = connection.execute(delete(records).where(or_(
            records.c.api_key_id.in_(key_ids + account_ids),
            cast(records.c.response, Text).contains(subject_id)))).rowcount
    with engine.begin() as connection:
        erased_keys = connection.execute(delete(api_keys).where(api_keys.c.subject_id == subject_id)).rowcount
        connection.execute(delete(console_sessions).where(console_sessions.c.account_id.in_(account_ids)))
        connection.execute(delete(console_password_resets).where(
            console_password_resets.c.account_id.in_(account_ids)))
        erased_accounts = connection.execute(delete(console_accounts).where(
            console_accounts.c.id.in_(account_ids))).rowcount
    return {"idempotency_records": erased_records, "api_keys": erased_keys,
            "console_accounts": erased_accounts}
