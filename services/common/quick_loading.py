"""marshmallow's own field-by-field load of a flat schema, without the schema's machinery.

A consumer loads every event twice (envelope, payload), a service every request, a producer
checks every event it raises: Schema.load's error store, closures per field and hook dispatch
cost as much as the fields' own checks, and a contract schema uses none of what they serve
(hooks, partial loads, collected errors). QuickLoader runs the same `Field.deserialize` calls,
in the same order, into the same dict as Schema.load does for such a schema; the first invalid
field, or a field the schema does not know when it refuses unknown ones, hands the whole input
to Schema.load, which raises with every field's message. A schema that has load hooks, or keeps
unknown fields, always loads through Schema.load.

The inputs Field.deserialize would return unchanged (nothing for an optional field without a
default; None where a field allows it; a str, int or canonical UUID for a plain String, Integer
or UuidString) are taken as they are, without the call.
"""
import re
from collections.abc import Callable, Mapping
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA
from marshmallow.utils import missing

from services.common.contract_schema import UuidString

_LOAD_HOOKS = (PRE_LOAD, POST_LOAD, VALIDATES, VALIDATES_SCHEMA)
# What str(uuid.UUID(value)) gives back unchanged.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class QuickLoader:
    def __init__(self, schema: Schema):
        self._schema = schema
        # (wire name, field, key in the result, which inputs it takes as they are) in
        # Schema.load's order; None: Schema.load only.
        self._fields = [(field.data_key if field.data_key is not None else name, field,
                         field.attribute or name, _taken_as_is(field))
                        for name, field in schema.load_fields.items()] if _is_flat(schema) else None
        # The wire names a schema that refuses unknown fields accepts; None: it ignores others.
        self._known = (frozenset(wire_name for wire_name, *_ in self._fields)
                       if self._fields is not None and schema.unknown == RAISE else None)

    def load(self, data: Any) -> dict[str, Any]:
        """What `schema.load(data)` returns; raises ValidationError as it does."""
        if self._fields is not None and isinstance(data, Mapping) and (
                self._known is None or self._known.issuperset(data)):
            loaded = {}
            try:
                for wire_name, field, key, as_is in self._fields:
                    value = data.get(wire_name, missing)
                    if as_is is None or not as_is(value):
                        value = field.deserialize(value, wire_name, data)
                    if value is not missing:
                        loaded[key] = value
                return loaded
            except ValidationError:
                pass
        return self._schema.load(data)


def _is_flat(schema: Schema) -> bool:
    """Loads with no hooks, no partial or many, unknown fields excluded or refused (not kept),
    and no dotted attribute (Schema.load would nest those)."""
    return (not any(schema._hooks[hook] for hook in _LOAD_HOOKS) and not schema.many
            and not schema.partial and schema.unknown in (EXCLUDE, RAISE)
            and not any("." in (field.attribute or "") for field in schema.load_fields.values()))


def _taken_as_is(field: fields.Field) -> Callable[[Any], bool] | None:
    """Which inputs this field's deserialize returns unchanged: nothing (missing) where the field
    is optional with no default (it returns before anything else); None where it allows none
    and has no pre-load hook (it returns before any validator or post-load hook); and where the
    field has no validators or hooks (whose effect only the call gives), a str for String, an
    int (not a bool) for Integer (int(value)), a UUID in canonical form for UuidString
    (str(uuid.UUID(value)))."""
    plain = None
    if not field.pre_load:
        if not field.validators and not field.post_load:
            plain = _PLAIN.get(type(field))
        if field.allow_none:
            plain = _either(_is_none, plain)
    if not field.required and field.load_default is missing:
        plain = _either(_is_missing, plain)
    return plain


def _either(check: Callable[[Any], bool], other: Callable[[Any], bool] | None) -> Callable[[Any], bool]:
    return check if other is None else lambda value: check(value) or other(value)


def _is_missing(value) -> bool:
    return value is missing


def _is_none(value) -> bool:
    return value is None


def _is_str(value) -> bool:
    return type(value) is str


def _is_int(value) -> bool:
    return type(value) is int


def _is_canonical_uuid(value) -> bool:
    return type(value) is str and _CANONICAL_UUID.fullmatch(value) is not None


_PLAIN = {fields.String: _is_str, fields.Integer: _is_int, UuidString: _is_canonical_uuid}
