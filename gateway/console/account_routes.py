"""The operators' route that creates console accounts. Like an API key, an account's secret (its
first password, and a TOTP secret for an operator who wants one) is shown once, in the 201."""
import secrets
from datetime import datetime, timezone

import pyotp

from gateway.admin_schemas import ConsoleAccountCreatedSchema, CreateConsoleAccountSchema
from gateway.console.accounts import create_account, new_totp_secret, normalise_email
from services.common.actor import Actor
from services.common.errors import invalid

ISSUER = "Kyodo"
REPLAY_NOTE = ("このアカウントは作成済みです。初期パスワードは一度だけ表示されます / this account was created "
               "by the first request with this Idempotency-Key; its first password is shown only once")


class ConsoleAccountHandlers:
    def __init__(self, engine, subject_for, offload):
        self._engine = engine
        self._offload = offload  # runs password hashing off the event loop
        self._subject_for = subject_for  # (role, subject_id) -> the checked subject, as for keys

    def create(self, actor: Actor, params: dict) -> dict:
        params = CreateConsoleAccountSchema().load(params)
        role = params["role"]
        if params["with_totp"] and role != "operator":
            raise invalid(with_totp="運営者のみ / operators only")
        subject_id = self._subject_for(role, params.get("subject_id"))
        password = secrets.token_urlsafe(18)
        totp_secret = new_totp_secret() if params["with_totp"] else None
        now = datetime.now(timezone.utc)
        account_id = create_account(self._engine, params["email"], password, role, now,
                                    subject_id=subject_id, totp_secret=totp_secret,
                                    offload=self._offload)
        created = {"id": account_id, "email": normalise_email(params["email"]), "role": role,
                   "subject_id": subject_id, "created_at": now, "password": password}
        if totp_secret:
            created["totp_uri"] = pyotp.TOTP(totp_secret).provisioning_uri(
                name=created["email"], issuer_name=ISSUER)
        return ConsoleAccountCreatedSchema().dump(created)

    @staticmethod
    def replay_view(body: dict) -> dict:
        """A replay answers which account, never its secrets nor the e-mail address."""
        kept = {name: body[name] for name in ("id", "role", "subject_id", "created_at") if name in body}
        return {**kept, "note": REPLAY_NOTE}

