"""The caller's identity as it crosses RPC: signed by whoever calls, verified by every service.

Without a signature the broker is the only trust boundary: anyone holding broker credentials
could call an RPC as an operator. So every caller (the gateway, the CLI, tests, benchmarks)
signs the actor here, and `nameko_rpc.rpc` verifies it before the method runs.

The HMAC-SHA256 covers the actor (role, subject, key id), its deadline and expiry, and what it
was issued for: the service, the method and a digest of the request. A captured actor therefore
cannot be replayed to another method, with another request, or after it expires.

Keys come from KYODO_ACTOR_SIGNING_KEY, a comma-separated list: the first signs, every one
verifies, so a key is rotated by putting the new one first everywhere, then dropping the old.
Requests must be JSON-native (what crosses nameko's JSON serializer unchanged).
"""
import hashlib
import hmac
import json
import os
import time
from dataclasses import dataclass

from services.common.actor import Actor
from services.common.errors import KyodoError

SIGNING_KEY_VARIABLE = "KYODO_ACTOR_SIGNING_KEY"
MIN_KEY_LENGTH = 32
# The signature outlives the caller's deadline by this much, so a message that waited in the
# queue just past the deadline is recognised as stale work (dropped, counted), not as forged.
EXPIRY_GRACE_SECONDS = 5.0
_FORMAT = 1  # part of what is signed: a future change of the canonical form cannot collide

REFUSED = "呼び出し元を確認できません / the caller's identity could not be verified"
DEADLINE_PASSED = "呼び出し元の期限を過ぎたため実行しませんでした / not run: the caller's deadline had passed"


class ActorRefused(KyodoError):
    """The actor is unsigned, forged, issued for another call, or expired."""

    code = "actor_refused"


class DeadlinePassed(KyodoError):
    """The caller stopped waiting before the work started: it was not run."""

    code = "deadline_passed"


class SigningKeyMissing(RuntimeError):
    """The process has no usable signing key; it must not start."""


@dataclass(frozen=True)
class VerifiedActor:
    actor: Actor
    deadline: float  # epoch seconds: when the caller stops waiting


def configured_keys(environ=os.environ) -> tuple[bytes, ...]:
    """The keys from KYODO_ACTOR_SIGNING_KEY, first one signing; refuses none or short ones."""
    keys = tuple(k.strip().encode() for k in environ.get(SIGNING_KEY_VARIABLE, "").split(",")
                 if k.strip())
    if not keys:
        raise SigningKeyMissing(f"{SIGNING_KEY_VARIABLE} is not set: every process needs the same "
                                "actor signing key / 署名鍵が設定されていません")
    if any(len(key) < MIN_KEY_LENGTH for key in keys):
        raise SigningKeyMissing(f"{SIGNING_KEY_VARIABLE}: each key needs at least {MIN_KEY_LENGTH} "
                                "characters / 署名鍵が短すぎます")
    return keys


def sign(actor: dict, service: str, method: str, request: dict, *, deadline: float,
         keys: tuple[bytes, ...] | None = None) -> dict:
    """The actor dict to send with `service.method(actor, request)`, valid until the deadline
    plus a grace; `keys` defaults to the configured ones."""
    signed = {"role": actor["role"], "subject_id": actor.get("subject_id"),
              "key_id": actor.get("key_id"), "deadline": round(deadline, 3),
              "expires_at": round(deadline + EXPIRY_GRACE_SECONDS, 3)}
    key = (keys or configured_keys())[0]
    signed["signature"] = _mac(key, signed, service, method, request)
    return signed


def sign_for(actor: dict, service: str, method: str, request: dict, timeout: float,
             keys: tuple[bytes, ...] | None = None) -> dict:
    """sign() for a caller that waits `timeout` seconds from now."""
    return sign(actor, service, method, request, deadline=time.time() + timeout, keys=keys)


def verify(actor: dict, service: str, method: str, request: dict, *,
           keys: tuple[bytes, ...] | None = None, now: float | None = None) -> VerifiedActor:
    """The Actor, if `actor` was signed for exactly this call and has not expired."""
    if not isinstance(actor, dict) or not isinstance(actor.get("signature"), str):
        raise ActorRefused(REFUSED, {"reason": "unsigned"})
    try:
        deadline, expires_at = float(actor["deadline"]), float(actor["expires_at"])
        expected = [_mac(key, actor, service, method, request) for key in keys or configured_keys()]
    except (KeyError, TypeError, ValueError) as exc:
        raise ActorRefused(REFUSED, {"reason": "malformed"}) from exc
    if not any(hmac.compare_digest(actor["signature"], mac) for mac in expected):
        raise ActorRefused(REFUSED, {"reason": "bad_signature"})
    if (time.time() if now is None else now) > expires_at:
        raise ActorRefused(REFUSED, {"reason": "expired"})
    return VerifiedActor(Actor.from_dict(actor), deadline)


def _mac(key: bytes, actor: dict, service: str, method: str, request: dict) -> str:
    canonical = json.dumps(
        [_FORMAT, service, method, actor["role"], actor.get("subject_id"), actor.get("key_id"),
         actor["deadline"], actor["expires_at"], request_digest(request)],
        separators=(",", ":"), ensure_ascii=True)
    return hmac.new(key, canonical.encode(), hashlib.sha256).hexdigest()


def request_digest(request: dict) -> str:
    """SHA-256 of the request in a canonical JSON form (sorted keys): the same on both sides."""
    canonical = json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()
