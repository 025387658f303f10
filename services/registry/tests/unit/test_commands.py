"""Requests the contract loaded become the use cases' commands and filters."""
import uuid
from datetime import date

from services.common.pagination import encode_cursor
from services.common.schema_loading import load
from services.registry.contract import requests
from services.registry.entrypoints import commands

REQUEST_ID = str(uuid.uuid4())


def test_a_registration_keeps_the_profile_apart_and_takes_the_gateways_id():
    command = commands.register_organisation(load(requests.RegisterOrganisationRequest(), {
        "request_id": REQUEST_ID, "name": "会", "name_kana": "カイ", "kind": "npo",
        "region": "yu", "fields": ["welfare"], "town": "由宇町南", "founded_year": 2001}))
    assert (command.organisation_id, command.fields, command.description) == (
        REQUEST_ID, ["welfare"], "")
    assert command.profile == {"town": "由宇町南", "founded_year": 2001}


def test_an_update_changes_only_what_was_sent():
    command = commands.update_organisation(load(requests.UpdateOrganisationRequest(), {
        "organisation_id": "o-1", "fields": ["welfare"]}))
    assert (command.organisation_id, command.changes) == ("o-1", {"fields": ["welfare"]})


def test_a_facility_takes_its_designation_and_the_default_hours():
    command = commands.register_facility(load(requests.RegisterFacilityRequest(), {
        "request_id": REQUEST_ID, "name": "館", "name_kana": "カン", "region": "yu",
        "address": "由宇町1", "rooms": [{"name": "A", "capacity": 10}],
        "designation": {"organisation_id": "o-1", "from": "2024-04-01"}}))
    assert command.opening_hours == {"open": "09:00", "close": "21:00", "closed": ""}
    assert (command.managing_organisation_id, command.designated_from, command.designated_to) == (
        "o-1", date(2024, 4, 1), None)


def test_figures_name_their_measure_and_filters_decode_the_cursor():
    figure = commands.record_member_households(load(requests.RecordMemberHouseholdsRequest(), {
        "organisation_id": "o-1", "request_id": REQUEST_ID, "member_households": 5,
        "as_of": "2024-04-01"}))
    assert (figure.figure_id, figure.measure, figure.value) == (REQUEST_ID, "member_households", 5)
    found = commands.organisation_filter(load(requests.ListOrganisationsRequest(), {
        "cursor": encode_cursor(["2024-04-01T00:00:00+00:00", "o-1"])}))
    assert (found.after, found.limit) == (["2024-04-01T00:00:00+00:00", "o-1"], 50)
