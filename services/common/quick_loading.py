"""marshmallow's own field-by-field load of a flat schema, without the schema's machinery.

A consumer loads every event twice (envelope, payload): Schema.load's error store, closures per
field and hook dispatch cost as much as the fields' own checks, and an event contract uses none
of what they serve (hooks, partial loads, collected errors). QuickLoader runs the same
`Field.deserialize` calls, in the same order, into the same dict as Schema.load does for such a
schema; the first invalid field hands the whole input to Schema.load, which raises with every
field's message. A schema that has load hooks, or keeps or refuses unknown fields, always loads
through Schema.load.
"""
from collections.abc import Mapping
from typing import Any

from marshmallow import EXCLUDE, Schema, ValidationError
from marshmallow.decorators import POST_LOAD, PRE_LOAD, VALIDATES, VALIDATES_SCHEMA
from marshmallow.utils import missing

_LOAD_HOOKS = (PRE_LOAD, POST_LOAD, VALIDATES, VALIDATES_SCHEMA)


class QuickLoader:
    def __init__(self, schema: Schema):
        self._schema = schema
        # (wire name, field, key in the result) in Schema.load's order, or None: Schema.load only.
        self._fields = [(field.data_key if field.data_key is not None else name, field,
                         field.attribute or name)
                        for name, field in schema.load_fields.items()] if _is_flat(schema) else None

    def load(self, data: Any) -> dict[str, Any]:
        """What `schema.load(data)` returns; raises ValidationError as it does."""
        if self._fields is not None and isinstance(data, Mapping):
            loaded = {}
            try:
                for wire_name, field, key in self._fields:
                    value = field.deserialize(data.get(wire_name, missing), wire_name, data)
                    if value is not missing:
                        loaded[key] = value
                return loaded
            except ValidationError:
                pass
        return self._schema.load(data)


def _is_flat(schema: Schema) -> bool:
    """Loads with no hooks, no partial or many, unknown fields excluded, and no dotted
    attribute (Schema.load would nest those)."""
    return (not any(schema._hooks[hook] for hook in _LOAD_HOOKS) and not schema.many
            and not schema.partial and schema.unknown == EXCLUDE
            and not any("." in (field.attribute or "") for field in schema.load_fields.values()))
