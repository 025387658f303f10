"""The audit trail's kernel: who did what to which objects, and which personal data they saw.

Pure Python. The RPC entrypoint opens an `AuditContext` for each call; the unit of work turns
a commit made under it into a "write" entry (in the same transaction), and response schemas
note the personal fields they dump (`contract_schema.ResponseSchema`), so an operator's call
that wrote nothing but returned personal data leaves a "read" entry. No method lists its
fields by hand.
"""
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone

from services.common.actor import Actor
from services.common.correlation import current_correlation_id

WRITE, READ = "write", "read"
# Request fields that name the call itself, not an object it touches.
_NOT_OBJECT_IDS = frozenset({"request_id"})


@dataclass
class AuditContext:
    actor: Actor
    action: str
    correlation_id: str | None
    object_ids: list[str] = field(default_factory=list)
    personal_fields: set[str] = field(default_factory=set)
    wrote: bool = False

    def note_objects(self, ids) -> None:
        for object_id in ids:
            if object_id and str(object_id) not in self.object_ids:
                self.object_ids.append(str(object_id))

    def entry(self, kind: str, personal_fields=()) -> dict:
        """A row for the audit table: ids padded with spaces so one can be matched exactly."""
        return {"at": datetime.now(timezone.utc), "kind": kind, "action": self.action,
                "key_id": self.actor.key_id, "role": self.actor.role,
                "subject_id": self.actor.subject_id, "correlation_id": self.correlation_id,
                "object_ids": f" {' '.join(self.object_ids)} " if self.object_ids else "",
                "personal_fields": sorted(personal_fields)}


current_audit: ContextVar[AuditContext | None] = ContextVar("audit_context", default=None)


def request_object_ids(request: dict) -> list[str]:
    """The ids a request names (`organisation_id`, `match_id`, …), in the order given."""
    return [str(value) for name, value in request.items()
            if name.endswith("_id") and name not in _NOT_OBJECT_IDS
            and isinstance(value, (str, int)) and not isinstance(value, bool)]


def note_personal_data(schema_name: str, personal: tuple[str, ...], dumped: dict) -> None:
    """Called for each object a response schema dumps: an operator's call remembers the
    personal fields it returned (non-empty ones only) and the ids of the objects holding them."""
    context = current_audit.get()
    if context is None or not context.actor.is_operator:
        return
    returned = [name for name in personal if dumped.get(name) not in (None, "", [], {})]
    if returned:
        component = schema_name.removesuffix("Schema")
        context.personal_fields.update(f"{component}.{name}" for name in returned)
        context.note_objects([dumped.get("id")])


def personal_read(context: AuditContext) -> dict | None:
    """The "read" entry an operator's call leaves when it returned personal data. A call that
    wrote is on record already: what it answers is the object it just changed."""
    if context.actor.is_operator and context.personal_fields and not context.wrote:
        return context.entry(READ, context.personal_fields)
    return None


def audited(service, method, actor: Actor, request):
    """Run one RPC under an audit context: its commits are recorded as writes, and an
    operator's call that returned personal data leaves a read entry before it answers (no
    entry, no answer)."""
    context = AuditContext(actor, method.__name__, current_correlation_id.get(),
                           request_object_ids(request) if isinstance(request, dict) else [])
    token = current_audit.set(context)
    try:
        result = method(service, actor, request)
    finally:
        current_audit.reset(token)
    entry = personal_read(context)
    if entry is not None:
        service.uow.append_audit(entry)
    return result
