"""Forgot your password: ask for a link by e-mail, then set a new password with it.

No session here, so the forms carry the login form's double-submit CSRF token. Asking answers
with the same neutral notice, after the same minimum time, whether the address has an account
or not; the link goes out through notifications (`send_account_email`), which records the
delivery and sends and retries it like every other e-mail.
"""
import logging
import re
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from werkzeug.wrappers import Response

from gateway.console import app
from gateway.console.password_resets import (IssuedReset, ResetLimits, ResetPolicy, ResetRefused,
                                             is_usable, issue, looks_like_email, reset_password)
from services.common.errors import ValidationFailed

log = logging.getLogger(__name__)
# A reset link's token in a logged line (the web server's access log names every path).
_TOKEN_IN_PATH = re.compile(r"(/console/password-reset/)[^\s/?\"']+")


def in_a_thread(work: Callable[[], None]) -> None:
    threading.Thread(target=work, daemon=True).start()


@dataclass(frozen=True)
class ResetDesk:
    """What the reset pages need beyond a page context: the policy, the per-process limits,
    the way to ask notifications for the e-mail and a way to run that apart from the answer."""
    policy: ResetPolicy
    limits: ResetLimits
    send_email: Callable[[IssuedReset, int], None]
    sleep: Callable[[float], None] = time.sleep
    in_background: Callable[[Callable[[], None]], None] = in_a_thread


def request_form(context, message_key: str | None = None, errors: dict | None = None,
                 email: str = "", status: int = 200) -> Response:
    return context.render("password_reset_request.html", status=status, errors=errors,
                          email=email, login_csrf=_login_csrf(context),
                          notice=context.text(message_key) if message_key else None,
                          is_error=message_key == "reset_too_many")


def request_link(context) -> Response:
    desk: ResetDesk = context.resets
    started = time.monotonic()
    email = context.request.form.get("email", "").strip()
    if not looks_like_email(email):
        return request_form(context, errors={"email": [context.text("reset_email_invalid")]},
                            email=email, status=422)
    if not desk.limits.allow(email, context.request.remote_addr or ""):
        return request_form(context, "reset_too_many", email=email, status=429)
    issued = issue(context.engine, email, context.now, desk.policy)
    if issued is not None:
        # Not inside the answer's time: a slow or unreachable notifications would make a known
        # address answer later than an unknown one, and so tell which addresses have accounts.
        desk.in_background(lambda: _send(desk, issued))
    # As long for a known address as for an unknown one: the answer says nothing either way.
    desk.sleep(max(0.0, desk.policy.answer_seconds - (time.monotonic() - started)))
    return request_form(context, "reset_requested")


def _send(desk: ResetDesk, issued: IssuedReset) -> None:
    try:
        desk.send_email(issued, desk.policy.valid_minutes)
    except Exception as exc:  # the person saw the same notice; they may ask again
        log.warning("password reset e-mail not accepted by notifications",
                    extra={"error": type(exc).__name__})


def new_password_form(context, token: str, errors: dict | None = None,
                      status: int = 200) -> Response:
    if not is_usable(context.engine, token, context.now):
        return _refused(context)
    return context.render("password_reset_form.html", status=status, errors=errors, token=token,
                          login_csrf=_login_csrf(context))


def set_password(context, token: str) -> Response:
    form = context.request.form
    try:
        reset_password(context.engine, token, form.get("password", ""),
                       form.get("password_again", ""), context.now, context.offload)
    except ResetRefused:
        return _refused(context)
    except ValidationFailed as failure:
        return new_password_form(context, token, failure.fields, status=422)
    context.set_cookie(app.SESSION_COOKIE, None)  # every session of the account is revoked
    return context.redirect("/console/login", done="password_reset")


def _refused(context) -> Response:
    return context.render("password_reset_refused.html", status=410)


def _login_csrf(context) -> str:
    token = context.request.cookies.get(app.LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    context.set_cookie(app.LOGIN_CSRF_COOKIE, token)
    return token


def notifications_sender(call_service) -> Callable[[IssuedReset, int], None]:
    """send_email for ResetDesk: an RPC to notifications as the gateway itself. A new request id
    each time: each link is its own e-mail."""
    gateway = {"role": "service", "subject_id": None, "key_id": "gateway-console"}

    def send(issued: IssuedReset, valid_minutes: int) -> None:
        call_service("notifications", "send_account_email", gateway, {
            "request_id": str(uuid.uuid4()), "account_id": issued.account_id,
            "to": issued.email, "template": "password_reset", "link": issued.link,
            "valid_minutes": valid_minutes})
    return send


class ResetTokensRedacted(logging.Filter):
    """A log line never holds a usable reset link: the token in its path is blanked."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/console/password-reset/" in message:
            record.msg, record.args = _TOKEN_IN_PATH.sub(r"\1[redacted]", message), None
        return True


def redact_reset_links() -> None:
    """On every handler of the root logger, so records of any logger pass through it."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(ResetTokensRedacted())
