"""The HTTP gateway: one nameko service, one handler per row of the route table."""
import json
import logging
import os
import time

import eventlet
import eventlet.semaphore
import eventlet.tpool
import kombu
from amqp.exceptions import ConnectionError as AmqpConnectionError
from kombu.exceptions import OperationalError
from nameko.dependency_providers import Config
from nameko.extensions import DependencyProvider
from nameko.timer import timer
from sqlalchemy import text
from werkzeug.wrappers import Response

from gateway import api_keys, erasure
from gateway.console.account_routes import ConsoleAccountHandlers
from gateway.console.app import ConsoleApp
from gateway.console.pages import MENUS, PAGES
from gateway.console.password_reset_screens import ResetDesk, notifications_sender
from gateway.console.password_resets import ResetLimits, ResetPolicy
from gateway.console.settings import ConsoleSettings
from gateway.dispatch import AUTH_FAILURES_PER_MINUTE, Dispatcher, ServiceTimedOut, ServiceUnavailable
from gateway.idempotency import IdempotencyStore
from gateway.key_handlers import ApiKeyHandlers
from gateway.openapi import DOCS_PAGE, build_openapi
from gateway.problems import problem
from gateway.rate_limit import FailedAuthentications, shared_rate_limiter
from gateway.routes import ROUTES
from gateway.rpc_requests import UnconfirmedRpcProxy
from gateway.vocabularies import vocabularies
from gateway.web import api
from services.common import metrics, signed_actor
from services.common.nameko_correlation import CorrelationContext
from services.common.nameko_tracing import TraceContext
from services.common.database import database_url, make_engine

log = logging.getLogger(__name__)


class GatewayDatabase(DependencyProvider):
    """The gateway's database; API keys commit durably through this engine."""

    power_loss_safe = True

    def setup(self):
        self.engine = make_engine(self.container.config.get("DATABASE_URL") or database_url("gateway"),
                                  power_loss_safe=self.power_loss_safe)

    def get_dependency(self, worker_ctx):
        return self.engine


class IdempotencyDatabase(GatewayDatabase):
    """The same database for idempotency records. Losing the last of those to a power cut costs
    a client's retry a second forward, which services absorb (a creating POST's request_id
    derives from its Idempotency-Key); so on SQLite they skip the fsync that stalled every
    request in the process while it ran."""

    power_loss_safe = False


class GatewayKeys(DependencyProvider):
    """One key cache per gateway process (api_keys.KeyCache: a short TTL)."""

    def setup(self):
        self.cache = api_keys.KeyCache()

    def get_dependency(self, worker_ctx):
        return self.cache


class GatewayRateLimiter(DependencyProvider):
    """Shared by every gateway copy through Redis when KYODO_REDIS_URL is set."""

    def setup(self):
        self.limiter = shared_rate_limiter(
            "requests", int(os.environ.get("KYODO_RATE_LIMIT_PER_MINUTE", "1200")),
            burst=int(os.environ.get("KYODO_RATE_LIMIT_BURST", "200")))

    def get_dependency(self, worker_ctx):
        return self.limiter


class AuthFailureLimiter(GatewayRateLimiter):
    """Failed authentications per client address: past the limit, 429 before any key lookup."""

    def setup(self):
        per_minute = int(os.environ.get("KYODO_AUTH_FAILURES_PER_MINUTE", str(AUTH_FAILURES_PER_MINUTE)))
        self.limiter = FailedAuthentications(shared_rate_limiter("auth-failures", per_minute))


class PasswordResetLimits(DependencyProvider):
    """Password reset requests per address and per client, one set per gateway process (or
    shared through Redis), with the reset policy from the environment."""

    def setup(self):
        self.policy = ResetPolicy.from_environment()
        self.limits = ResetLimits(self.policy)

    def get_dependency(self, worker_ctx):
        return self


# How often each gateway process deletes idempotency records older than 24 h.
IDEMPOTENCY_PURGE_SECONDS = 3600


# The services the gateway forwards to, each behind an RPC proxy of the same name below.
SERVICES = ("registry", "matching", "notifications", "reports")


class Bulkheads(DependencyProvider):
    """At most KYODO_GATEWAY_CALLS_PER_SERVICE calls in flight to each service, per process.

    A stalled service then holds only its own share of the gateway: the next caller of it gets
    503 at once, and every other service's routes keep their workers (KYODO_GATEWAY_MAX_WORKERS,
    larger than all bulkheads together).
    """

    def setup(self):
        limit = int(os.environ.get("KYODO_GATEWAY_CALLS_PER_SERVICE", "100"))
        self.semaphores = {service: eventlet.semaphore.Semaphore(limit) for service in SERVICES}

    def get_dependency(self, worker_ctx):
        return self.semaphores


class ActorSigningKeys(DependencyProvider):
    """The keys the gateway signs actors with, read once: no key, no gateway."""

    def setup(self):
        self.keys = signed_actor.configured_keys()

    def get_dependency(self, worker_ctx):
        return self.keys


class GatewayService:
    name = "gateway"

    config = Config()
    correlation_id = CorrelationContext()
    trace_context = TraceContext()
    engine = GatewayDatabase()
    idempotency_engine = IdempotencyDatabase()
    keys = GatewayKeys()
    rate_limiter = GatewayRateLimiter()
    auth_failures = AuthFailureLimiter()
    bulkheads = Bulkheads()
    signing_keys = ActorSigningKeys()
    password_resets = PasswordResetLimits()
    registry = UnconfirmedRpcProxy("registry")
    matching = UnconfirmedRpcProxy("matching")
    notifications = UnconfirmedRpcProxy("notifications")
    reports = UnconfirmedRpcProxy("reports")

    def call_service(self, service: str, method: str, actor: dict, params: dict):
        """RPC with a deadline: nameko 2.14's proxies would wait for ever. The actor goes signed
        for this call, with the deadline, so the service drops it if it starts too late."""
        if service not in SERVICES:
            raise ServiceUnavailable(service)
        bulkhead = self.bulkheads[service]
        if not bulkhead.acquire(blocking=False):
            log.warning("service bulkhead full", extra={"service_name": service})
            raise ServiceUnavailable(service)
        timeout = self.config["RPC_TIMEOUT"]
        signed = signed_actor.sign(actor, service, method, params, deadline=time.time() + timeout,
                                   keys=self.signing_keys)
        deadline = eventlet.Timeout(timeout)
        try:
            try:
                reply = getattr(getattr(self, service), method).call_async(signed, params)
            except (OSError, AmqpConnectionError, OperationalError, eventlet.Timeout) as exc:
                # Not taken: the broker is unreachable (rpc_requests: no confirm to wait for).
                log.warning("service unavailable", extra={"service_name": service, "error": repr(exc)})
                raise ServiceUnavailable(service) from exc
            try:
                return reply.result()
            except eventlet.Timeout as exc:
                raise ServiceTimedOut(service) from exc
        finally:
            deadline.cancel()
            bulkhead.release()

    def idempotency_lease_seconds(self) -> float:
        """An in-flight record outlives the longest call it can wait for, then a retry takes over."""
        default = float(self.config["RPC_TIMEOUT"]) + 5
        return float(os.environ.get("KYODO_IDEMPOTENCY_LEASE_SECONDS", default))

    def erase_person(self, actor, params: dict) -> dict:
        return erasure.erase_everywhere(self.call_service, SERVICES, self.engine, self.idempotency_engine,
                                        actor, params["subject_id"])

    def dispatcher(self) -> Dispatcher:
        keys = ApiKeyHandlers(self.engine, self.keys, self.call_service, ROUTES)
        accounts = ConsoleAccountHandlers(self.engine, keys.subject_for, eventlet.tpool.execute)
        local_handlers = {**keys.local_handlers(), "listVocabularies": vocabularies,
                          "erasePerson": self.erase_person, "createConsoleAccount": accounts.create}
        return Dispatcher(self.engine, self.call_service, local_handlers,
                          self.rate_limiter, key_cache=self.keys,
                          idempotency_engine=self.idempotency_engine,
                          auth_failures=self.auth_failures,
                          idempotency_lease_seconds=self.idempotency_lease_seconds(),
                          replay_views={"createApiKey": keys.replay_view,
                                        "createConsoleAccount": accounts.replay_view})

    def console(self) -> ConsoleApp:
        # argon2 hashing runs in eventlet's OS thread pool: in the hub it would stall every request.
        resets = ResetDesk(self.password_resets.policy, self.password_resets.limits,
                           notifications_sender(self.call_service), eventlet.sleep, eventlet.spawn_n)
        return ConsoleApp(self.dispatcher(), self.engine, ConsoleSettings.from_environment(), MENUS,
                          eventlet.tpool.execute, resets)

    @timer(interval=IDEMPOTENCY_PURGE_SECONDS)
    def purge_idempotency_records(self):
        purged = IdempotencyStore(self.idempotency_engine).purge()
        log.info("idempotency records purged", extra={"purged": purged})

    @api("GET", "/api/v1/openapi.json")
    def openapi(self, request):
        return Response(json.dumps(build_openapi(), ensure_ascii=False),
                        content_type="application/json; charset=utf-8")

    @api("GET", "/api/v1/docs")
    def docs(self, request):
        return Response(DOCS_PAGE, content_type="text/html; charset=utf-8")

    @api("GET", "/metrics")
    def metrics(self, request):
        body, content_type = metrics.exposition()
        return Response(body, content_type=content_type)

    @api("GET", "/health/live")
    def health_live(self, request):
        return Response('{"status": "live"}', content_type="application/json")

    @api("GET", "/health/ready")
    def health_ready(self, request):
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            with kombu.Connection(self.config["AMQP_URI"], connect_timeout=2) as connection:
                connection.ensure_connection(max_retries=1)
        except Exception as exc:  # the probe reports, it never raises
            return problem(503, f"not ready: {type(exc).__name__}")
        return Response('{"status": "ready"}', content_type="application/json")


def _endpoint(route):
    def handler(self, request, **path_values):
        return self.dispatcher().handle(route, request, path_values)
    handler.__name__ = route.name
    return api(route.method, route.path)(handler)


def _console_page(page):
    def handler(self, request, **path_values):
        return self.console().handle(page, request, path_values)
    handler.__name__ = page.name
    return api(page.method, page.path)(handler)


for _route in ROUTES:
    setattr(GatewayService, _route.name, _endpoint(_route))
for _page in PAGES:
    setattr(GatewayService, _page.name, _console_page(_page))
