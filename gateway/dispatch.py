"""One request through the gateway: authenticate, authorise, validate, forward, map errors."""
import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import quote

from werkzeug.wrappers import Response

from gateway import api_keys, scopes
from gateway.idempotency import IdempotencyStore, StillInFlight, StoredResponse, request_fingerprint
from gateway.problems import problem, status_for
from gateway.rate_limit import FailedAuthentications, RateLimiter
from gateway.request_parsing import Rejected, request_params, validated
from gateway.routes import Route
from gateway.routes.route import GATEWAY_FIELDS
from services.common.actor import ANONYMOUS, Actor
from services.common.files import file_content
from services.common.signed_actor import ActorRefused, DeadlinePassed
from services.common.errors import KyodoError
from services.common.metrics import HTTP_LATENCY

log = logging.getLogger(__name__)

# Request ids derive from (API key, Idempotency-Key): a retry names the same new object.
REQUEST_ID_NAMESPACE = uuid.UUID("6f1d6c2e-9a8b-4c35-8f1e-6b0d6f3f6a10")


# Set in a request's environ once its line is logged: the web server then logs no other.
REQUEST_LOGGED = "kyodo.request_logged"

RETRY_AFTER_SECONDS = 5
# Failed authentications a client address may make a minute before it gets 429 unheard.
AUTH_FAILURES_PER_MINUTE = 20


@dataclass(frozen=True)
class Outcome:
    """A forwarded request's answer: its status, its body (a problem body when >= 400) and
    whether it replays a first answer."""

    status: int
    body: dict
    replayed: bool


class ServiceUnavailable(Exception):
    """The service did not take the call (unknown to the broker, broker down)."""


class ServiceTimedOut(Exception):
    """The service took the call but did not answer in time."""


class Dispatcher:
    def __init__(self, engine, call_service, local_handlers, rate_limiter,
                 key_cache: api_keys.KeyCache | None = None, idempotency_engine=None,
                 auth_failures=None, idempotency_lease_seconds: float = 35.0,
                 replay_views: dict | None = None):
        self._engine = engine
        self._rate_limiter = rate_limiter
        self._auth_failures = auth_failures or FailedAuthentications(RateLimiter(AUTH_FAILURES_PER_MINUTE))
        self._keys = key_cache or api_keys.KeyCache(seconds=0)
        self._idempotency = IdempotencyStore(idempotency_engine or engine, idempotency_lease_seconds)
        self._call_service = call_service
        self._local = local_handlers
        # Route name -> what its replay answers instead of the first answer (no secrets kept).
        self._replay_views = replay_views or {}

    def handle(self, route: Route, request, path_values: dict) -> Response:
        started = time.monotonic()
        correlation_id = request.environ.get("kyodo.correlation_id") or str(uuid.uuid4())
        try:
            response = self._handle(route, request, path_values, correlation_id)
        except Rejected as rejection:
            response = rejection.response(correlation_id)
        response.headers["X-Correlation-Id"] = correlation_id
        elapsed = time.monotonic() - started
        HTTP_LATENCY.labels(route.name, route.method, str(response.status_code)).observe(elapsed)
        actor = request.environ.get("kyodo.actor")
        # The request's one access line (eventlet's is off): which object, not only which route.
        log.info("request", extra={"route": route.name, "method": request.method, "path": request.path,
                                   "status": response.status_code,
                                   "duration_ms": round(elapsed * 1000, 1), "client": request.remote_addr,
                                   "key_id": actor.key_id if actor else None,
                                   "role": actor.role if actor else None})
        request.environ[REQUEST_LOGGED] = True  # the request's one access line
        return response

    def _handle(self, route, request, path_values, correlation_id) -> Response:
        if route.public and not _credentials(request):
            actor, key_scopes = ANONYMOUS, None  # limited per client address instead of per key
            wait = self._rate_limiter.take(f"address:{request.remote_addr}")
        else:
            # A client guessing keys is turned away before any lookup.
            wait = self._auth_failures.wait(request.remote_addr)
            if wait:
                return _too_many(wait, correlation_id)
            record = self._authenticate(request)
            actor, key_scopes = record.actor, record.scopes
            wait = self._rate_limiter.take(actor.key_id)
        request.environ["kyodo.actor"] = actor
        if wait:
            return _too_many(wait, correlation_id)
        outcome = self._perform(route, actor, key_scopes,
                                lambda: request_params(route, request, path_values),
                                request.headers.get("Idempotency-Key", ""), request.path)
        return self._answer(*outcome, correlation_id, route=route)

    def act_as(self, route: Route, actor: Actor, data: dict, idempotency_key: str = "") -> "Outcome":
        """What a console page does for its session's principal: the same rate limit, role,
        scope, validation and idempotency a key's request goes through, then the same forward.
        Refusals before the forward raise Rejected, as for a key."""
        wait = self._rate_limiter.take(actor.key_id)
        if wait:
            raise Rejected(429, f"{wait:.0f} 秒後に再度お試しください / retry in {wait:.0f} s")
        # The path values are among the parameters: the rule itself fingerprints the request.
        return Outcome(*self._perform(route, actor, None,
                                      lambda: validated(route.request, dict(data), set_by_gateway=GATEWAY_FIELDS),
                                      idempotency_key, route.path))

    def _perform(self, route, actor, key_scopes, load_params, idempotency_key, path
                 ) -> tuple[int, dict, bool]:
        """(status, body, replayed) of an authenticated caller's request."""
        if not route.public and actor.role not in route.roles:
            raise Rejected(403, f"この操作は {', '.join(route.roles)} のみ可能です / allowed for: "
                                f"{', '.join(route.roles)}")
        if not route.public and not scopes.allows(key_scopes, route):
            raise Rejected(403, f"この API キーには {scopes.scope_of(route)} の権限がありません / "
                                f"this API key lacks the scope {scopes.scope_of(route)}")
        params = load_params()
        # Without a key there is nothing to scope an Idempotency-Key to; a public POST (a signed
        # one-click link, RFC 8058: mail clients send no headers) must be idempotent by itself.
        if route.method != "POST" or actor.is_anonymous:
            return (*self._forward(route, actor, params), False)
        if not 0 < len(idempotency_key) <= 200:
            raise Rejected(400, "POST には Idempotency-Key ヘッダー（200文字以内）が必要です / "
                                "POST needs an Idempotency-Key header (at most 200 characters)",
                           {"Idempotency-Key": ["required"]})
        if route.creates:
            params["request_id"] = str(uuid.uuid5(REQUEST_ID_NAMESPACE, f"{actor.key_id}:{idempotency_key}"))
        fingerprint = request_fingerprint(route.method, path, params)
        try:
            stored = self._idempotency.begin(actor.key_id, idempotency_key, fingerprint)
        except StillInFlight as error:
            raise Rejected(409, error.message, retry_after=error.retry_after) from error
        except KyodoError as error:
            status = status_for(error) or 400
            return status, _problem_body(status, error), False
        if stored is not None:
            return stored.status, stored.body, True
        status, body = self._forward(route, actor, params)
        if status >= 500:
            self._idempotency.abandon(actor.key_id, idempotency_key)
        else:
            replay_view = self._replay_views.get(route.name) if status < 400 else None
            self._idempotency.finish(actor.key_id, idempotency_key,
                                     StoredResponse(status, replay_view(body) if replay_view else body))
        return status, body, False

    def _authenticate(self, request) -> api_keys.KeyRecord:
        key = _credentials(request)
        record = self._keys.authenticate(self._engine, key) if key else None
        if record is None:
            self._auth_failures.failed(request.remote_addr)
            raise Rejected(401, "有効な API キーを Authorization: Bearer で送ってください / "
                                "send a valid API key as Authorization: Bearer <key>")
        if record.expired(datetime.now(timezone.utc)):
            self._auth_failures.failed(request.remote_addr)
            raise Rejected(401, "この API キーは有効期限が切れています / this API key has expired")
        return record

    def _forward(self, route: Route, actor: Actor, params: dict) -> tuple[int, dict]:
        """(status, body) of the call; errors become their problem body."""
        try:
            if route.rpc is None:
                return route.status, self._local[route.name](actor, params)
            service, method = route.rpc
            service = params.pop("service") if service == "{service}" else service
            result = self._call_service(service, method, _actor_dict(actor), params)
            return route.status, result
        except DeadlinePassed:
            return 504, _problem_body(504, None)
        except ActorRefused as refusal:
            # Our own signature refused: keys differ between processes (a rotation half done).
            log.error("service refused the gateway's signed actor",
                      extra={"route": route.name, "reason": refusal.fields.get("reason")})
            return 503, _problem_body(503, None)
        except KyodoError as error:
            return status_for(error) or 400, _problem_body(status_for(error) or 400, error)
        except ServiceTimedOut:
            return 504, _problem_body(504, None)
        except ServiceUnavailable:
            return 503, _problem_body(503, None)
        except Exception:
            log.exception("service call failed", extra={"route": route.name})
            return 500, _problem_body(500, None)

    def _answer(self, status: int, body: dict, replayed: bool, correlation_id: str,
                route: Route | None = None) -> Response:
        if status >= 400:
            # A service or its database is down for now: say when to try again.
            headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if status == 503 else None
            response = problem(status, body.get("detail"), errors=body.get("errors"),
                               correlation_id=correlation_id, headers=headers)
        elif route is not None and not route.answers_json:
            response = file_response(status, body)
        else:
            response = Response(json.dumps(body, ensure_ascii=False), status=status,
                                content_type="application/json; charset=utf-8")
        if replayed:
            response.headers["Idempotent-Replayed"] = "true"
        return response



def _too_many(wait: float, correlation_id: str) -> Response:
    return problem(429, f"{wait:.0f} 秒後に再度お試しください / retry in {wait:.0f} s",
                   correlation_id=correlation_id, headers={"Retry-After": str(max(1, round(wait)))})


def _problem_body(status: int, error: KyodoError | None) -> dict:
    body = {"status": status}
    if error is not None:
        body["detail"] = error.message
        if error.fields:
            body["errors"] = error.fields
    return body


def _credentials(request) -> str:
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return request.headers.get("X-API-Key", "")


def file_response(status: int, reply: dict) -> Response:
    """A service's files.file_reply as the HTTP body; a filename makes it a download."""
    response = Response(file_content(reply), status=status, content_type=reply["content_type"])
    if reply.get("filename"):
        response.headers["Content-Disposition"] = content_disposition(reply["filename"])
    return response


def content_disposition(filename: str) -> str:
    """RFC 6266: an ASCII fallback for old clients, the real (Japanese) name as RFC 8187 UTF-8."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
                       for c in filename)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _actor_dict(actor: Actor) -> dict:
    return {"role": actor.role, "subject_id": actor.subject_id, "key_id": actor.key_id}
