"""What the gateway itself keeps of a person, erased by subject: the API keys acting for them
and the idempotency records their keys made or whose stored answer names them."""
from sqlalchemy import Text, cast, delete, or_, select
from sqlalchemy.engine import Engine

from gateway.tables import api_keys, idempotency_records as records


def erase_subject(engine: Engine, idempotency_engine: Engine, subject_id: str) -> dict[str, int]:
    """Idempotent: a repeat finds nothing left and answers zero counts."""
    with engine.connect() as connection:
        key_ids = list(connection.scalars(select(api_keys.c.id).where(api_keys.c.subject_id == subject_id)))
    with idempotency_engine.begin() as connection:
        erased_records = connection.execute(delete(records).where(or_(
            records.c.api_key_id.in_(key_ids), cast(records.c.response, Text).contains(subject_id)))).rowcount
    with engine.begin() as connection:
        erased_keys = connection.execute(delete(api_keys).where(api_keys.c.subject_id == subject_id)).rowcount
    return {"idempotency_records": erased_records, "api_keys": erased_keys}
