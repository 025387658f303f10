"""One console request: language, session, CSRF and role checks, then the page's handler.

Every datum a page shows or changes comes through `PageContext.api`, which runs a route of the
public API through the gateway's own dispatcher as the session's principal: the same role,
scope, validation, ownership and idempotency checks an API key gets. There is no other path to
the services from here.
"""
import logging
import secrets
import uuid
from datetime import datetime, timezone
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape
from werkzeug.utils import redirect
from werkzeug.wrappers import Response

from gateway.console.sessions import Session, csrf_matches, find_session
from gateway.console.settings import ConsoleSettings
from gateway.console.texts import LANGUAGES, field_message, translator
from gateway.dispatch import Dispatcher, Outcome
from gateway.request_parsing import Rejected
from gateway.routes import ROUTES
from services.common.actor import Actor

log = logging.getLogger(__name__)

SESSION_COOKIE = "kyodo_console_session"
LANGUAGE_COOKIE = "kyodo_console_lang"
# Before there is a session, the login form's CSRF token is a cookie it must echo.
LOGIN_CSRF_COOKIE = "kyodo_console_login_csrf"
ROUTES_BY_NAME = {route.name: route for route in ROUTES}

_templates = Environment(loader=PackageLoader("gateway.console", "templates"),
                         autoescape=select_autoescape(default=True, default_for_string=True))
CITY_TIME = ZoneInfo("Asia/Tokyo")


def _city_time(moment: str | None) -> str:
    """An API timestamp (ISO 8601, UTC) as the city's wall clock, to the minute."""
    if not moment:
        return ""
    return datetime.fromisoformat(moment).astimezone(CITY_TIME).strftime("%Y-%m-%d %H:%M")


def _quantity(value) -> str:
    """10.0 as 10, 2.5 as 2.5: the API's numbers are floats."""
    return f"{value:g}" if isinstance(value, (int, float)) else ""


_templates.filters["city_time"] = _city_time
_templates.filters["quantity"] = _quantity

# Pages are never framed, load nothing from elsewhere and run no inline script.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                               "base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class PageContext:
    """What a handler works with: the request, the session, the language and the API."""

    def __init__(self, request, session: Session | None, lang: str, dispatcher: Dispatcher,
                 engine, settings: ConsoleSettings, menu, offload, resets=None):
        self.request = request
        self.session = session
        self.lang = lang
        self.text = translator(lang)
        self.engine = engine
        self.settings = settings
        self._dispatcher = dispatcher
        self._menu = menu
        self.offload = offload  # runs password hashing off the event loop
        self.resets = resets  # password reset: policy, limits, the e-mail (ResetDesk)
        self.cookies: list[tuple[str, str | None, dict]] = []  # set (value) or delete (None)

    @property
    def now(self) -> datetime:
        return datetime.now(timezone.utc)

    @property
    def actor(self) -> Actor:
        account = self.session.account
        return Actor(role=account.role, subject_id=account.subject_id, key_id=account.id)

    def api(self, route_name: str, data: dict | None = None, idempotency_key: str = "") -> Outcome:
        """A route of the public API, as this session's principal. Refusals come back as
        outcomes too, with their problem body."""
        route = ROUTES_BY_NAME[route_name]
        try:
            return self._dispatcher.act_as(route, self.actor, data or {}, idempotency_key)
        except Rejected as rejection:
            body = {"status": rejection.status, "detail": rejection.detail}
            if rejection.errors:
                body["errors"] = rejection.errors
            return Outcome(rejection.status, body, False)

    def vocabulary(self, name: str):
        """code -> its label in this language, from the API's vocabularies (`regions`,
        `organisation_kinds` …); the code itself when it has none."""
        outcome = self.api("listVocabularies")
        terms = outcome.body.get(name, []) if outcome.status == 200 else []
        labels = {term["code"]: term[self.lang] for term in terms}
        return lambda code: labels.get(code, code or "")

    def render(self, template: str, status: int = 200, **values) -> Response:
        csrf = self.session.csrf_token if self.session else None
        html = _templates.get_template(template).render(
            t=self.text, lang=self.lang, session=self.session, csrf_token=csrf,
            menu=self._menu.get(self.session.account.role, ()) if self.session else (),
            path=self.request.path, language_href=self.language_href(), form_key=str(uuid.uuid4()),
            field_errors=self.field_errors, **values)
        return Response(html, status=status, content_type="text/html; charset=utf-8")

    def language_href(self) -> str:
        """This page in the other language: the query (a list's filters, its page) is kept."""
        other = self.text("switch_language_lang")
        kept = [(name, value) for name, value in self.request.args.items(multi=True) if name != "lang"]
        return self.request.path + "?" + urlencode(kept + [("lang", other)])

    def field_errors(self, errors: dict | None, name: str) -> list[str]:
        """The API's messages for one field, in this language."""
        messages = (errors or {}).get(name) or []
        if isinstance(messages, dict):  # a nested field: its messages flattened
            messages = [text for value in messages.values() for text in value]
        return [field_message(str(message), self.lang) for message in messages]

    @staticmethod
    def refused_fields(outcome: Outcome) -> dict | None:
        """A form's field errors when the API refused it (422 naming fields), else None: the
        page then shows the form again with each message beside its field."""
        if outcome.status == 422 and outcome.body.get("errors"):
            return outcome.body["errors"]
        return None

    def error_page(self, status: int, message_key: str, detail: str | None = None) -> Response:
        return self.render("error.html", status=status, message=self.text(message_key), detail=detail)

    def outcome_error(self, outcome: Outcome) -> Response:
        """A page for an API refusal that no form field can show."""
        status = outcome.status
        if status == 404:
            return self.error_page(404, "not_found")
        if status == 403:
            return self.error_page(403, "forbidden", outcome.body.get("detail"))
        if status >= 500:
            return self.error_page(503, "service_error")
        return self.error_page(status, "error_title", outcome.body.get("detail"))

    def redirect(self, location: str, **query) -> Response:
        query = {name: value for name, value in query.items() if value}
        return redirect(location + ("?" + urlencode(query) if query else ""), code=303)

    def set_cookie(self, name: str, value: str | None, **options) -> None:
        self.cookies.append((name, value, options))


class ConsoleApp:
    def __init__(self, dispatcher: Dispatcher, engine, settings: ConsoleSettings, menus: dict,
                 offload, resets=None):
        self._resets = resets
        self._dispatcher = dispatcher
        self._offload = offload
        self._engine = engine
        self._settings = settings
        self._menus = menus

    def handle(self, page, request, path_values: dict) -> Response:
        lang = _language(request)
        token = request.cookies.get(SESSION_COOKIE, "")
        session = find_session(self._engine, token, datetime.now(timezone.utc),
                               self._settings.sessions) if token else None
        context = PageContext(request, session, lang, self._dispatcher, self._engine,
                              self._settings, self._menus, self._offload, self._resets)
        response = self._guarded(page, context, token, path_values)
        if token and session is None:  # a dead session's cookie goes
            context.set_cookie(SESSION_COOKIE, None)
        if request.args.get("lang") in LANGUAGES:
            context.set_cookie(LANGUAGE_COOKIE, lang, max_age=365 * 24 * 3600)
        self._finish(response, context, request)
        return response

    def _guarded(self, page, context: PageContext, token: str, path_values: dict) -> Response:
        session, request = context.session, context.request
        if page.signed_in:
            if session is None:
                return context.redirect("/console/login", expired="1" if token else None)
            if session.awaiting_second_factor != (page.name in ("consoleCodeForm", "consoleCode")):
                return context.redirect("/console/login/code" if session.awaiting_second_factor
                                        else "/console/")
        # Pages without a session (the login form) check the login cookie's token instead.
        if request.method == "POST" and not _csrf_ok(request, session if page.signed_in else None):
            log.warning("console form refused: CSRF token", extra={"page": page.name})
            return context.error_page(403, "csrf")
        if page.roles and session.account.role not in page.roles:
            return context.error_page(403, "forbidden")
        return page.handler(context, **path_values)

    def _finish(self, response: Response, context: PageContext, request) -> None:
        secure = self._settings.served_securely(request)
        for name, value, options in context.cookies:
            if value is None:
                response.delete_cookie(name, path="/console/", secure=secure, httponly=True,
                                       samesite="Lax")
            else:
                response.set_cookie(name, value, path="/console/", secure=secure, httponly=True,
                                    samesite="Lax", **options)
        if response.content_type and response.content_type.startswith("text/html"):
            response.headers.extend(SECURITY_HEADERS)


def _language(request) -> str:
    asked = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return asked if asked in LANGUAGES else "ja"


def _csrf_ok(request, session: Session | None) -> bool:
    offered = request.form.get("csrf_token")
    if session is not None:
        return csrf_matches(session, offered)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return bool(expected) and bool(offered) and secrets.compare_digest(expected, offered)
