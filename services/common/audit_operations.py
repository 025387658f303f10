"""The audit_log RPC every service answers for operators, from its own table."""
from services.common.audit_contract import AuditLogPageSchema, AuditLogRequest
from services.common.nameko_operations import require_operator
from services.common.nameko_rpc import rpc
from services.common.schema_loading import load


class AuditOperations:
    @rpc
    def audit_log(self, actor, request):
        require_operator(actor)
        query = load(AuditLogRequest(), request)
        with self.uow as uow:
            return AuditLogPageSchema().dump(uow.audit_log.page(query))
