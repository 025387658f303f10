"""The bases of every contract schema (requests, responses, events).

Contract schemas describe what crosses a service's boundary and nothing else: no hooks that
build commands, no imports of a service's domain or use cases. Requests refuse unknown fields.
"""
import uuid
from functools import cache

from marshmallow import RAISE, Schema, ValidationError, fields, post_dump

from services.common.audit import note_personal_data


class StrictSchema(Schema):
    """A request: a field the contract does not name is an error, never silently dropped."""

    class Meta:
        unknown = RAISE


# Mark a response field as personal data: `fields.String(metadata=PERSONAL)`.
PERSONAL = {"x-personal": True}  # an OpenAPI extension: partners see it too


class ResponseSchema(Schema):
    """A response that may carry personal data (fields with `metadata=PERSONAL`).

    Each object it dumps tells the audit context which of those fields it returned, so an
    operator's read of personal data is logged without any method listing its fields.
    """

    @post_dump
    def _note_personal_data(self, data, **_):
        note_personal_data(type(self).__name__, personal_fields(type(self)), data)
        return data


@cache
def personal_fields(schema_class: type[Schema]) -> tuple[str, ...]:
    """The wire names of a schema's fields marked personal."""
    return tuple(field.data_key or name for name, field in schema_class._declared_fields.items()
                 if field.metadata.get("x-personal"))


class UuidString(fields.UUID):
    """A UUID on the wire, validated, handed to code as its canonical string.

    Ids are strings everywhere inside a service; this keeps consumers from casting them back.
    """

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        return str(super()._deserialize(value, attr, data, **kwargs))

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        try:
            return str(uuid.UUID(str(value)))
        except ValueError as exc:
            raise ValidationError("Not a valid UUID.") from exc
