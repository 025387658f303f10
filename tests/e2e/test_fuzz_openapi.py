"""schemathesis against the live gateway, with a key of every role: no answer may be a server
error, and every answer must be what the OpenAPI document promises (status, content type,
schema, headers).

Bounded so the whole fuzz stays within a few minutes on the CI machine, and derandomized so a
failure reproduces: every run sends the same requests.
"""
import itertools
import os
import uuid

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (content_type_conformance, ignored_auth, missing_required_header,
                                 negative_data_rejection, not_a_server_error,
                                 response_headers_conformance, response_schema_conformance,
                                 status_code_conformance)

from gateway.openapi import build_openapi

pytestmark = pytest.mark.broker

EXAMPLES_PER_OPERATION = int(os.environ.get("KYODO_FUZZ_EXAMPLES", "10"))
# The four the issue names, and the cheap ones beside them: invalid data (schemathesis also
# generates requests that break the document) must be refused, auth must not be ignored.
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance,
          content_type_conformance, response_headers_conformance, negative_data_rejection,
          ignored_auth, missing_required_header]
ROLES = ("operator", "organisation", "partner", "citizen", "service")
TURNS = itertools.count()

# A URI or headers past the server's limits are refused as 414 or 431: a rejection too.
REJECTIONS = [400, 401, 403, 404, 405, 406, 409, 413, 414, 415, 422, 428, 429, 431]
schema = schemathesis.openapi.from_dict(build_openapi(), config=schemathesis.Config.from_dict({
    "checks": {"negative_data_rejection": {"expected-statuses": REJECTIONS}}}))


@pytest.fixture(scope="module")
def role_keys(platform) -> dict:
    organisation = platform.call("POST", "/organisations", body={
        "name": "ファズ検証の会", "name_kana": "ファズケンショウノカイ", "kind": "citizen_group",
        "region": "miwa", "fields": ["welfare"]}).json()
    subjects = {"organisation": organisation["id"], "partner": platform.business(),
                "citizen": str(uuid.uuid4())}
    keys = {role: platform.key_for(role, subjects.get(role)) for role in ROLES if role != "operator"}
    return {"operator": platform.operator_key, **keys}


@pytest.fixture(scope="module")
def session() -> requests.Session:
    with requests.Session() as client:
        yield client


def test_the_served_document_is_the_one_fuzzed(platform):
    assert requests.get(platform.url + "/openapi.json", timeout=10).json() == build_openapi()


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_with_every_role(case, platform, role_keys, session):
    # The roles take turns, so every operation meets each of them within its examples.
    role = ROLES[next(TURNS) % len(ROLES)]
    # The generated Idempotency-Key is kept: a negative case breaks it on purpose.
    case.call_and_validate(base_url=platform.url.removesuffix("/api/v1"), session=session,
                           headers={"Authorization": f"Bearer {role_keys[role]}"},
                           checks=CHECKS, timeout=30)
