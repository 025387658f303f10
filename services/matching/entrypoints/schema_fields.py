"""Field types shared by matching's request schemas."""
from marshmallow import RAISE, Schema, fields, validate

from services.matching.domain.matching_profiles import MAX_SKILL_LEVEL, MIN_SKILL_LEVEL, TIME_BANDS

BAND = validate.OneOf([str(b) for b in TIME_BANDS])


_FIELD_OPTIONS = ("load_default", "data_key", "required", "allow_none")


def _split(options: dict) -> tuple[dict, dict]:
    field_options = {k: v for k, v in options.items() if k in _FIELD_OPTIONS}
    return field_options, {k: v for k, v in options.items() if k not in _FIELD_OPTIONS}


def skill_levels(**options) -> fields.Dict:
    """{skill code: level 1–5}; `description`/`example` go to the OpenAPI metadata."""
    field_options, metadata = _split(options)
    return fields.Dict(keys=fields.String(validate=validate.Length(min=1, max=50)),
                       values=fields.Integer(validate=validate.Range(MIN_SKILL_LEVEL, MAX_SKILL_LEVEL)),
                       validate=validate.Length(max=30), metadata=metadata, **field_options)


def codes(**options) -> fields.List:
    field_options, metadata = _split(options)
    return fields.List(fields.String(validate=validate.Length(min=1, max=50)),
                       validate=validate.Length(max=30), metadata=metadata, **field_options)


class Strict(Schema):
    class Meta:
        unknown = RAISE
