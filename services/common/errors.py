"""Errors every layer may raise; the gateway maps each to one HTTP status.

Pure Python on purpose: domain and app code raise these without importing a framework.
Arguments stay JSON-friendly because they cross RPC (see nameko_rpc.py).
"""


class KyodoError(Exception):
    """Base of errors a client can act on."""

    code = "error"

    def __init__(self, message: str, fields: dict | None = None):
        super().__init__(message, fields or {})
        self.message = message
        self.fields = fields or {}

    def __str__(self) -> str:
        return self.message


INVALID_INPUT = "入力内容に誤りがあります / The request has invalid fields"


class ValidationFailed(KyodoError):
    """Input breaks a rule; `fields` maps a field name to its messages."""

    code = "validation_failed"


def invalid(**messages: str) -> ValidationFailed:
    """ValidationFailed with one message per named field."""
    return ValidationFailed(INVALID_INPUT, {name: [text] for name, text in messages.items()})


class NotFound(KyodoError):
    code = "not_found"


class Conflict(KyodoError):
    code = "conflict"


class Forbidden(KyodoError):
    code = "forbidden"


class Unavailable(KyodoError):
    """A dependency (the service's database) is down for now: try again later, nothing changed."""

    code = "unavailable"


TEMPORARILY_UNAVAILABLE = "一時的に利用できません。しばらくしてから再度お試しください / temporarily unavailable, try again shortly"
