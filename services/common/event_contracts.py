"""Marshmallow contracts for the envelope and for each event's payload.

A producer registers a payload schema with an example for every event type it emits; its
outbox refuses an event that does not validate. A consumer registers the (narrower) schemas it
reads, loading with unknown=EXCLUDE so producers can add fields without breaking it.
"""
import re
from dataclasses import dataclass
from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

from services.common.envelope import Envelope
from services.common.errors import ValidationFailed
from services.common.municipality import is_valid_municipality_code
from services.common.quick_loading import QuickLoader

EVENT_TYPE_PATTERN = r"^[a-z]+\.[a-z_]+$"
_EVENT_TYPE = re.compile(EVENT_TYPE_PATTERN)


def _municipality_code(value: str) -> None:
    if not is_valid_municipality_code(value):
        raise ValidationError("6桁の全国地方公共団体コード（検査数字つき）ではありません / "
                              "not a six-digit local government code with a valid check digit")


class EnvelopeSchema(Schema):
    # Like payloads: a field a newer producer adds to the envelope is ignored, not parked, by a
    # consumer one release behind.
    class Meta:
        unknown = EXCLUDE

    id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Regexp(EVENT_TYPE_PATTERN))
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True)
    producer = fields.String(required=True)
    correlation_id = fields.String(required=True)
    causation_id = fields.String(required=True, allow_none=True)
    payload = fields.Dict(required=True)
    municipality_code = fields.String(load_default=None, allow_none=True,
                                      validate=_municipality_code)


@dataclass(frozen=True)
class EventContract:
    type: str
    version: int
    schema: type[Schema]
    example: dict[str, Any]


class EventCatalogue:
    """The event types one side knows, keyed by (type, version)."""

    def __init__(self, contracts: list[EventContract]):
        self._contracts = {(c.type, c.version): c for c in contracts}
        # Schema instances are reusable and costly to build: one each, not one per event.
        # Every outgoing payload is checked with these, every incoming one loaded: marshmallow's
        # checks, not its overhead.
        self._outgoing = {key: QuickLoader(c.schema(unknown=RAISE))
                          for key, c in self._contracts.items()}
        self._lenient = {key: c.schema(unknown=EXCLUDE) for key, c in self._contracts.items()}
        self._incoming = {key: QuickLoader(schema) for key, schema in self._lenient.items()}
        self._envelope = QuickLoader(EnvelopeSchema())

    def __iter__(self):
        return iter(self._contracts.values())

    def types(self) -> set[str]:
        return {event_type for event_type, _ in self._contracts}

    def knows(self, event_type: str, version: int) -> bool:
        return (event_type, version) in self._contracts

    def validate_outgoing(self, envelope: Envelope) -> None:
        loader = self._outgoing.get((envelope.type, envelope.version))
        if loader is None:
            raise ValueError(f"no contract for {envelope.type} v{envelope.version}")
        try:
            loader.load(envelope.payload)
            errors = {}
        except ValidationError as exc:
            errors = dict(exc.messages)  # what Schema.validate returns
        errors.update(_envelope_errors(envelope))
        if errors:
            raise ValueError(f"{envelope.type} v{envelope.version} breaks its contract: {errors}")

    def load_incoming(self, body: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """Return (envelope fields, loaded payload); raise ValidationFailed if malformed."""
        try:
            envelope = self._envelope.load(body)
            key = (envelope["type"], envelope["version"])
            payload = _by_data_key(self._lenient[key], self._incoming[key].load(envelope["payload"]))
        except ValidationError as exc:
            raise ValidationFailed("malformed event", exc.normalized_messages()) from exc
        except KeyError as exc:
            raise ValidationFailed(f"unknown event {body.get('type')} v{body.get('version')}") from exc
        return envelope, payload


def _envelope_errors(envelope: Envelope) -> dict[str, list[str]]:
    """EnvelopeSchema's rules for the fields a producer chooses. The id and the time are made by
    Envelope itself; running the whole schema on every outgoing event cost as much as the
    payload's own check. Consumers still load every incoming envelope with EnvelopeSchema."""
    errors = {}
    if not isinstance(envelope.type, str) or not _EVENT_TYPE.match(envelope.type):
        errors["type"] = ["String does not match expected pattern."]
    if not isinstance(envelope.version, int) or envelope.version < 1:
        errors["version"] = ["Must be greater than or equal to 1."]
    if not isinstance(envelope.producer, str) or not envelope.producer:
        errors["producer"] = ["Not a valid string."]
    if not isinstance(envelope.correlation_id, str):
        errors["correlation_id"] = ["Not a valid string."]
    if envelope.causation_id is not None and not isinstance(envelope.causation_id, str):
        errors["causation_id"] = ["Not a valid string."]
    if envelope.municipality_code is not None and not is_valid_municipality_code(envelope.municipality_code):
        errors["municipality_code"] = ["Not a six-digit local government code with a valid check digit."]
    return errors


def _by_data_key(schema: Schema, loaded: dict[str, Any]) -> dict[str, Any]:
    """Handlers read payloads by their wire names (`fields`, not the attribute `fields_`)."""
    return {(schema.fields[name].data_key or name) if name in schema.fields else name: value
            for name, value in loaded.items()}
