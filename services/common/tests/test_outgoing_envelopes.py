"""The outbox refuses an envelope a producer got wrong, as the full envelope schema would."""
import pytest
from marshmallow import Schema, fields

from services.common.envelope import Envelope
from services.common.event_contracts import EventCatalogue, EventContract


class Thing(Schema):
    thing_id = fields.String(required=True)


CATALOGUE = EventCatalogue([EventContract("probe.thing_done", 1, Thing, {"thing_id": "t"}),
                            EventContract("Probe.Bad-Type", 1, Thing, {"thing_id": "t"})])


def envelope(**changes) -> Envelope:
    values = {"type": "probe.thing_done", "version": 1, "producer": "probe",
              "payload": {"thing_id": "t"}, "correlation_id": "c-1", "causation_id": None}
    return Envelope(**{**values, **changes})


def test_a_good_envelope_passes_and_as_dict_copies_the_payload():
    good = envelope(causation_id="m-1")
    CATALOGUE.validate_outgoing(good)
    data = good.as_dict()
    assert set(data) == {"type", "version", "producer", "payload", "correlation_id", "causation_id",
                         "id", "occurred_at", "municipality_code"}
    data["payload"]["thing_id"] = "changed"
    assert good.payload["thing_id"] == "t"


@pytest.mark.parametrize("changes, field", [
    ({"type": "Probe.Bad-Type"}, "type"), ({"producer": ""}, "producer"),
    ({"correlation_id": None}, "correlation_id"), ({"causation_id": 7}, "causation_id"),
    ({"municipality_code": "352081"}, "municipality_code"),
    ({"payload": {"thing_id": "t", "extra": 1}}, "extra"), ({"payload": {}}, "thing_id")])
def test_a_wrong_envelope_or_payload_is_refused(changes, field):
    with pytest.raises(ValueError, match=field):
        CATALOGUE.validate_outgoing(envelope(**changes))


def test_an_event_without_a_contract_is_refused():
    with pytest.raises(ValueError, match="no contract"):
        CATALOGUE.validate_outgoing(envelope(type="probe.unknown"))
