"""Nameko glue: the worker's correlation id (from HTTP, RPC or event headers) in a ContextVar.

Set before the worker body runs, so logs, RPC headers and outbox envelopes all carry it.
"""
from nameko.extensions import DependencyProvider

from services.common.correlation import current_correlation_id, new_correlation_id


class CorrelationContext(DependencyProvider):
    def setup(self):
        # Not in worker_ctx.data: that is the context data nameko sends as message headers.
        self._tokens = {}

    def get_dependency(self, worker_ctx):
        # nameko asks for dependencies before worker_setup; both run in the worker's greenlet.
        # worker_ctx.data, not its context_data (a fresh copy at each read): a worker that
        # arrived without an id keeps the one made here, and its RPC calls carry it on.
        return worker_ctx.data.setdefault("correlation_id", new_correlation_id())

    def worker_setup(self, worker_ctx):
        self._tokens[worker_ctx] = current_correlation_id.set(self.get_dependency(worker_ctx))

    def worker_teardown(self, worker_ctx):
        token = self._tokens.pop(worker_ctx, None)
        if token is not None:
            current_correlation_id.reset(token)
