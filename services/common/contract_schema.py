"""The bases of every contract schema (requests, responses, events).

Contract schemas describe what crosses a service's boundary and nothing else: no hooks that
build commands, no imports of a service's domain or use cases. Requests refuse unknown fields.
"""
import uuid

from marshmallow import RAISE, Schema, ValidationError, fields


class StrictSchema(Schema):
    """A request: a field the contract does not name is an error, never silently dropped."""

    class Meta:
        unknown = RAISE


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
