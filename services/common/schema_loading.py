"""Marshmallow loading that fails with our ValidationFailed (field messages intact)."""
from marshmallow import Schema, ValidationError

from services.common.errors import INVALID_INPUT, ValidationFailed


def load(schema: Schema, data: dict) -> dict:
    try:
        return schema.load(data)
    except ValidationError as exc:
        raise ValidationFailed(INVALID_INPUT, exc.normalized_messages()) from exc
