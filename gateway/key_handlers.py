"""The gateway's own API-key routes: issue, list, revoke. Keys are the gateway's data; the
subject a key acts for belongs to a service, which is asked whether it exists."""
import uuid
from datetime import datetime, timezone

from gateway import api_keys
from gateway.admin_schemas import ApiKeyIdSchema, ApiKeyListQuerySchema, ApiKeySchema, CreateApiKeySchema
from gateway.scopes import scopes_for_role
from services.common.actor import Actor
from services.common.errors import NotFound, invalid

REPLAY_NOTE = ("このキーは発行済みです。キーは一度だけ表示されます / this key was issued by the first "
               "request with this Idempotency-Key; a key is shown only once — revoke it and issue "
               "another if it was lost")
UNKNOWN_KEY = "APIキーがありません / no such API key"


class ApiKeyHandlers:
    def __init__(self, engine, cache: api_keys.KeyCache, call_service, routes):
        self._engine = engine
        self._cache = cache
        self._call_service = call_service
        self._routes = routes

    def local_handlers(self) -> dict:
        return {"createApiKey": self.create, "listApiKeys": self.list_for, "revokeApiKey": self.revoke}

    # The dispatcher has validated each request; loading it gives typed values and defaults.
    def create(self, actor: Actor, params: dict) -> dict:
        params = CreateApiKeySchema().load(params)
        role, label = params["role"], params["label"]
        subject_id = self.subject_for(role, params.get("subject_id"))
        allowed = scopes_for_role(role, self._routes)
        requested = params.get("scopes")
        if requested is not None and not set(requested) <= set(allowed):
            raise invalid(scopes=f"この役割で使える権限: {', '.join(allowed)} / scopes this role "
                                 f"may hold: {', '.join(allowed)}")
        expires_at = params.get("expires_at")
        if expires_at is not None and expires_at <= datetime.now(timezone.utc):
            raise invalid(expires_at="未来の日時を指定してください / must be in the future")
        key_id, key = api_keys.create_key(self._engine, role, label, subject_id,
                                          sorted(set(requested)) if requested else None, expires_at)
        return {**self._view(self._one(key_id)), "key": key}

    def list_for(self, actor: Actor, params: dict) -> dict:
        params = ApiKeyListQuerySchema().load(params)
        if actor.is_operator:
            if params.get("subject_id") and not params.get("role"):
                raise invalid(role="subject_id と一緒に指定してください / required with subject_id")
            holder = {"role": params["role"], "subject_id": _text(params.get("subject_id"))} \
                if params.get("role") else {}
        elif params.get("role") or params.get("subject_id"):
            raise invalid(role="運営者のみ指定できます / only operators filter by holder")
        else:
            holder = _holder_of(actor)
        keys = api_keys.list_keys(self._engine, include_revoked=params["include_revoked"], **holder)
        return {"items": [self._view(key) for key in keys]}

    def revoke(self, actor: Actor, params: dict) -> dict:
        params = ApiKeyIdSchema().load(params)
        key_id = str(params["key_id"])
        found = api_keys.list_keys(self._engine, key_id=key_id, include_revoked=True)
        # Someone else's key answers as if it did not exist: ids are not confirmed to strangers.
        if not found or not (actor.is_operator or _owns(actor, found[0])):
            raise NotFound(UNKNOWN_KEY)
        api_keys.revoke_key(self._engine, key_id)
        self._cache.forget_id(key_id)
        return self._view(self._one(key_id))

    @staticmethod
    def replay_view(body: dict) -> dict:
        """What a replayed create answers: the key's id and a note, never the key."""
        return {**{name: value for name, value in body.items() if name != "key"}, "note": REPLAY_NOTE}

    def subject_for(self, role: str, subject_id) -> str | None:
        """The subject a credential of this role acts for, checked (console accounts too)."""
        subject_id = _text(subject_id)
        if role in ("organisation", "partner"):
            organisation = self._organisation(subject_id)
            if role == "partner" and (organisation is None or organisation.get("kind") != "business"):
                raise invalid(subject_id="事業者として登録されていません / no registered business with this id")
            if organisation is None:
                raise invalid(subject_id="登録されていない団体です / unknown organisation")
            return subject_id
        if role == "citizen":
            # No service keeps a register of citizens: a person's id is born with their first
            # key (talent profiles and memberships are filed under it later).
            return subject_id or str(uuid.uuid4())
        if subject_id:
            raise invalid(subject_id="この役割には指定できません / not used with this role")
        return None

    def _organisation(self, organisation_id: str) -> dict | None:
        """Registry is the judge of which organisations exist."""
        try:
            return self._call_service("registry", "get_organisation", {"role": "operator"},
                                      {"organisation_id": organisation_id})
        except NotFound:
            return None

    def _one(self, key_id: str) -> dict:
        return api_keys.list_keys(self._engine, key_id=key_id, include_revoked=True)[0]

    def _view(self, key: dict) -> dict:
        scopes = key["scopes"] if key["scopes"] is not None else scopes_for_role(key["role"], self._routes)
        return ApiKeySchema().dump({**key, "scopes": list(scopes)})


def _holder_of(actor: Actor) -> dict:
    if actor.subject_id:
        return {"role": actor.role, "subject_id": actor.subject_id}
    return {"key_id": actor.key_id}


def _owns(actor: Actor, key: dict) -> bool:
    if actor.subject_id:
        return key["role"] == actor.role and key["subject_id"] == actor.subject_id
    return key["id"] == actor.key_id


def _text(value) -> str | None:
    return str(value) if value is not None else None
