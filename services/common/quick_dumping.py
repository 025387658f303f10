"""marshmallow's own field-by-field dump of an object's attributes, without the schema's detours.

A service dumps every answer. For each field Schema.dump goes Field.serialize → Field.get_value
→ Schema.get_attribute → utils.get_value → getattr before the field formats the value: four
calls to read one attribute of an object that has no `__getitem__` (a domain dataclass).
QuickDumper reads it with getattr itself and hands it to the same `Field._serialize`, in the same
order, into the same dict, then runs the schema's post-dump hooks as Schema.dump does. A str for a
String is the field's own result, so it is taken as it is.

Anything else goes through Schema.dump: a schema with pre-dump hooks, `many`, its own
get_attribute or a dotted attribute; a field with its own serialize or get_value, or none to read
(Method, Function); and an object with `__getitem__` (a dict: get_value tries keys first).
"""
from collections.abc import Callable
from typing import Any

from marshmallow import Schema, fields
from marshmallow.decorators import POST_DUMP, PRE_DUMP
from marshmallow.utils import missing


class QuickDumper:
    def __init__(self, schema: Schema):
        self._schema = schema
        self._post_dump = bool(schema._hooks[POST_DUMP])
        # (name, attribute, field, key in the result, whether a str is taken as it is) in
        # Schema.dump's order; None: Schema.dump only.
        self._fields = [(name, _attribute(name, field), field,
                         field.data_key if field.data_key is not None else name,
                         type(field) is fields.String)
                        for name, field in schema.dump_fields.items()] if _is_plain(schema) else None

    def dump(self, obj: Any) -> dict[str, Any]:
        """What `schema.dump(obj)` returns."""
        if self._fields is None or hasattr(obj, "__getitem__"):
            return self._schema.dump(obj)
        dumped = {}
        for name, attribute, field, key, str_as_is in self._fields:
            value = getattr(obj, attribute, missing)
            if value is missing:
                default = field.dump_default
                value = default() if callable(default) else default
                if value is missing:
                    continue
            if not (str_as_is and type(value) is str):
                value = field._serialize(value, name, obj)
            dumped[key] = value
        if self._post_dump:
            return self._schema._invoke_dump_processors(POST_DUMP, dumped, many=False,
                                                        original_data=obj)
        return dumped


def _is_plain(schema: Schema) -> bool:
    return (not schema._hooks[PRE_DUMP] and not schema.many
            and type(schema).get_attribute is Schema.get_attribute
            and all(_reads_an_attribute(name, field) for name, field in schema.dump_fields.items()))


def _reads_an_attribute(name: str, field: fields.Field) -> bool:
    """Field.serialize reads this field's value with getattr alone (on an object without
    `__getitem__`), then calls _serialize with it."""
    return (field._CHECK_ATTRIBUTE and "." not in _attribute(name, field)
            and _inherited(type(field), "serialize") and _inherited(type(field), "get_value"))


def _attribute(name: str, field: fields.Field) -> str:
    return name if field.attribute is None else field.attribute


def _inherited(field_class: type, method: str) -> bool:
    own: Callable = getattr(field_class, method)
    return own is getattr(fields.Field, method)
