"""The bases of every contract schema (requests, responses, events).

Contract schemas describe what crosses a service's boundary and nothing else: no hooks that
build commands, no imports of a service's domain or use cases. Requests refuse unknown fields,
text no person typed (control characters, lone surrogates, bidi overrides in names), numbers no
database stores and dates outside the calendar the platform serves.
"""
import datetime as dt
import re
import uuid
from functools import cache

from marshmallow import RAISE, Schema, ValidationError, fields, post_dump

from services.common.audit import note_personal_data

# Dates a city plan can mean. Before 1888 Asia/Tokyo has a local-mean-time offset (+09:18:59)
# that is no RFC 3339 offset; far years overflow once an offset is applied.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
# Integers every JSON reader and every database column here hold exactly.
LARGEST_INTEGER = 2 ** 53 - 1
LARGEST_NUMBER = 1e15

# C0 and C1 controls except tab and line breaks, DEL, lone surrogates, and U+FFFE/U+FFFF.
_UNTYPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
# Explicit embeddings, overrides and isolates: they make a name display as another.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NAME_FIELD = re.compile(r"(^|_)(name|title|label)(_|$)")


def _text_checker(in_name: bool):
    def check(value):
        if not isinstance(value, str):
            return
        if _UNTYPABLE.search(value):
            raise ValidationError("制御文字や不正な文字は使えません / "
                                  "control characters and lone surrogates are not allowed")
        if in_name and _BIDI_CONTROLS.search(value):
            raise ValidationError("名前に双方向制御文字は使えません / "
                                  "bidirectional control characters are not allowed in names")
    return check


def _check_raw(value):
    """Free-form JSON (survey answers): every string inside it, checked as text."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend([*item.keys(), *item.values()])
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            _check_integer(item)
        elif isinstance(item, float):
            _check_number(item)
        else:
            _text_checker(in_name=False)(item)


def _check_integer(value):
    if isinstance(value, int) and abs(value) > LARGEST_INTEGER:
        raise ValidationError(f"±{LARGEST_INTEGER} までの整数 / an integer within ±{LARGEST_INTEGER}")


def _check_number(value):
    # Far below float's limit, so sums and ratios of such numbers stay finite.
    if isinstance(value, float) and abs(value) > LARGEST_NUMBER:
        raise ValidationError(f"±{LARGEST_NUMBER:.0e} までの数 / a number within ±{LARGEST_NUMBER:.0e}")


def _check_date(value):
    day = value.date() if isinstance(value, dt.datetime) else value
    if isinstance(day, dt.date) and not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValidationError(f"{EARLIEST_DATE} から {LATEST_DATE} までの日付 / "
                              f"a date from {EARLIEST_DATE} to {LATEST_DATE}")


def _guard(field: fields.Field, in_name: bool) -> None:
    """Add the platform's bounds to a field and to the fields inside it (lists, dicts)."""
    if isinstance(field, fields.String):
        field.validators.append(_text_checker(in_name))
    elif isinstance(field, fields.Integer):
        field.validators.append(_check_integer)
    elif isinstance(field, fields.Float):
        field.validators.append(_check_number)
    elif isinstance(field, (fields.Date, fields.DateTime)):
        field.validators.append(_check_date)
    elif isinstance(field, fields.List):
        _guard(field.inner, in_name)
    elif type(field) is fields.Raw:
        field.validators.append(_check_raw)
    elif isinstance(field, fields.Tuple):
        for inner in field.tuple_fields:
            _guard(inner, in_name)
    elif isinstance(field, fields.Dict):
        for inner in (field.key_field, field.value_field):
            if inner is not None:
                _guard(inner, in_name)


class StrictSchema(Schema):
    """A request: a field the contract does not name is an error, never silently dropped."""

    class Meta:
        unknown = RAISE

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        _guard(field_obj, in_name=bool(_NAME_FIELD.search(field_obj.data_key or field_name)))


def json_type_errors(schema: Schema, data) -> dict:
    """Where a JSON body gives a number as text, a fraction for an integer or a number for a
    flag: marshmallow would coerce them, but a JSON client sent the wrong type. (A query string
    is text by nature; its "10" stays a number.)"""
    errors: dict = {}
    if not isinstance(data, dict):
        return errors
    for name, field in schema.fields.items():
        key = field.data_key or name
        if key in data and not field.dump_only:
            problem = _json_type_problem(field, data[key])
            if problem:
                errors[key] = problem
    return errors


def _json_type_problem(field: fields.Field, value):
    if value is None:
        return None
    if isinstance(field, fields.Boolean):
        return None if isinstance(value, bool) else ["true か false / true or false"]
    if isinstance(field, fields.Integer):
        integral = isinstance(value, int) and not isinstance(value, bool)
        return None if integral else ["整数（JSON の数値） / an integer (a JSON number)"]
    if isinstance(field, (fields.Float, fields.Decimal)):
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if number else ["数値（JSON の数値） / a number (a JSON number)"]
    if isinstance(field, fields.List) and isinstance(value, list):
        found = {index: problem for index, item in enumerate(value)
                 if (problem := _json_type_problem(field.inner, item))}
        return found or None
    if isinstance(field, fields.Nested) and isinstance(field.schema, Schema):
        if field.many and isinstance(value, list):
            found = {index: problem for index, item in enumerate(value)
                     if (problem := json_type_errors(field.schema, item))}
            return found or None
        return json_type_errors(field.schema, value) or None
    return None


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
