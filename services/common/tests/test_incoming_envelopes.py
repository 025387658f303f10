"""Consumers read envelopes tolerantly (an added field parks nothing) and check the municipality
key's check digit; every city's code is welcome, not only the configured one."""
import pytest
from marshmallow import Schema, fields

from services.common.envelope import Envelope
from services.common.errors import ValidationFailed
from services.common.event_contracts import EventCatalogue, EventContract
from services.common.municipality import check_digit, configured_municipality_code, is_valid_municipality_code


class Thing(Schema):
    thing_id = fields.String(required=True)


CATALOGUE = EventCatalogue([EventContract("probe.thing_done", 1, Thing, {"thing_id": "t"})])


def wire(**changes) -> dict:
    envelope = Envelope("probe.thing_done", 1, "probe", {"thing_id": "t"}, correlation_id="c-1",
                        municipality_code="352080").as_dict()
    return {**envelope, **changes}


def test_an_envelope_field_from_a_newer_release_is_ignored_not_refused():
    envelope, payload = CATALOGUE.load_incoming(wire(tenant_region="chugoku", priority=3))
    assert payload == {"thing_id": "t"} and "tenant_region" not in envelope
    assert envelope["municipality_code"] == "352080"


def test_an_envelope_from_before_the_municipality_key_loads_without_one():
    body = wire()
    del body["municipality_code"]
    envelope, _ = CATALOGUE.load_incoming(body)
    assert envelope["municipality_code"] is None


@pytest.mark.parametrize("code", ["352081", "35208", "３５２０８０", "abcdef"])
def test_a_municipality_code_with_a_wrong_check_digit_or_shape_is_malformed(code):
    with pytest.raises(ValidationFailed) as refused:
        CATALOGUE.load_incoming(wire(municipality_code=code))
    assert "municipality_code" in refused.value.fields


@pytest.mark.parametrize("code", ["352080", "131016", "011002", "472018", "401307"])
def test_codes_of_any_city_pass_the_check_digit(code):
    # Iwakuni, Chiyoda (Tokyo), Sapporo, Naha, Fukuoka
    assert is_valid_municipality_code(code)
    assert check_digit(code[:5]) == int(code[5])


def test_the_configured_city_profile_names_iwakuni_by_default_and_a_bad_profile_is_refused(tmp_path, monkeypatch):
    assert configured_municipality_code() == "352080"
    profile = tmp_path / "elsewhere.json"
    profile.write_text('{"code": "elsewhere", "municipality_code": "352089"}', encoding="utf-8")
    monkeypatch.setenv("KYODO_CITY_PROFILE", str(profile))
    configured_municipality_code.cache_clear()
    try:
        with pytest.raises(ValueError, match="check digit"):
            configured_municipality_code()
    finally:
        configured_municipality_code.cache_clear()


def test_another_citys_profile_gives_its_own_code(tmp_path, monkeypatch):
    profile = tmp_path / "chiyoda.json"
    profile.write_text('{"code": "chiyoda", "municipality_code": "131016"}', encoding="utf-8")
    monkeypatch.setenv("KYODO_CITY_PROFILE", str(profile))
    configured_municipality_code.cache_clear()
    try:
        assert configured_municipality_code() == "131016"
    finally:
        configured_municipality_code.cache_clear()
