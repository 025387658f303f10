"""Logging in (password, then a TOTP code when the account has one), out, and the assets."""
import secrets
from pathlib import Path

from werkzeug.wrappers import Response

from gateway.console import app
from gateway.console.accounts import LoginRefused, check_password, check_totp
from gateway.console.sessions import open_session, revoke_session

STATIC = Path(__file__).parent / "static"
ASSET_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}
HOMES = {"operator": "/console/queue", "partner": "/console/offers"}


def home(context: "app.PageContext") -> Response:
    role = context.session.account.role
    if role in HOMES:
        return context.redirect(HOMES[role])
    return context.render("home.html")


def login_form(context, message_key: str | None = None, status: int = 200, email: str = "") -> Response:
    if context.session is not None and not context.session.awaiting_second_factor:
        return context.redirect("/console/")
    if context.request.args.get("expired"):
        message_key = message_key or "expired"
    if context.request.args.get("done") == "logged_out":
        message_key = message_key or "logged_out"
    if context.request.args.get("done") == "password_reset":
        message_key = message_key or "password_was_reset"
    token = context.request.cookies.get(app.LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    context.set_cookie(app.LOGIN_CSRF_COOKIE, token)
    return context.render("login.html", status=status, login_csrf=token, email=email,
                          message=context.text(message_key) if message_key else None,
                          is_error=message_key not in (None, "logged_out", "password_was_reset"))


def log_in(context) -> Response:
    form = context.request.form
    email = form.get("email", "")
    try:
        account = check_password(context.engine, email, form.get("password", ""), context.now,
                                 context.settings.lockout, offload=context.offload)
    except LoginRefused as refused:
        return login_form(context, "locked" if refused.reason == "locked" else "bad_credentials",
                          status=401, email=email)
    if context.session is not None:  # a half-finished login before this one
        revoke_session(context.engine, context.session.id, context.now)
    token = open_session(context.engine, account.id, context.now,
                         awaiting_second_factor=account.needs_second_factor)
    context.set_cookie(app.SESSION_COOKIE, token)
    context.set_cookie(app.LOGIN_CSRF_COOKIE, None)
    return context.redirect("/console/login/code" if account.needs_second_factor else "/console/")


def code_form(context, message_key: str | None = None, status: int = 200) -> Response:
    return context.render("code.html", status=status,
                          message=context.text(message_key) if message_key else None)


def check_code(context) -> Response:
    session = context.session
    try:
        check_totp(context.engine, session.account, context.request.form.get("code", ""),
                   context.now, context.settings.lockout)
    except LoginRefused as refused:
        if refused.reason == "locked":
            revoke_session(context.engine, session.id, context.now)
            context.set_cookie(app.SESSION_COOKIE, None)
            return login_form(context, "locked", status=401)
        return code_form(context, "bad_code", status=401)
    # A new token once both factors passed: the half-way token is worth nothing.
    revoke_session(context.engine, session.id, context.now)
    context.set_cookie(app.SESSION_COOKIE, open_session(context.engine, session.account.id, context.now))
    return context.redirect("/console/")


def log_out(context) -> Response:
    revoke_session(context.engine, context.session.id, context.now)
    context.set_cookie(app.SESSION_COOKIE, None)
    return context.redirect("/console/login", done="logged_out")


def asset(context, name: str) -> Response:
    """The console's own files: only those in static/, by their bare name."""
    path = STATIC / name
    if path.suffix not in ASSET_TYPES or path.parent != STATIC or not path.is_file():
        return context.error_page(404, "not_found")
    return Response(path.read_bytes(), content_type=ASSET_TYPES[path.suffix],
                    headers={"Cache-Control": "max-age=3600", "X-Content-Type-Options": "nosniff"})
