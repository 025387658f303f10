"""assignMatches' preview contract: what a client sends (preview, expected_digest) and what it
gets back (preview, digest) are in the published document and validated at the gateway, and a
stale digest is refused on the field it names."""
import pytest

from gateway.openapi import build_openapi
from gateway.request_parsing import Rejected, validated
from gateway.routes import ROUTES
from services.matching.app import batch_assignment
from services.matching.contract.requests import AssignRequest

ASSIGN = next(route for route in ROUTES if route.name == "assignMatches")
DIGEST = "ab" * 32


def test_the_document_describes_the_preview_both_ways():
    schemas = build_openapi()["components"]["schemas"]
    assert {"preview", "expected_digest"} <= set(schemas["AssignRequest"]["properties"])
    assert {"preview", "digest", "proposals"} <= set(schemas["Assignment"]["properties"])


def test_the_gateway_takes_a_preview_flag_and_a_digest_of_64_hex_digits():
    assert validated(ASSIGN.request, {"preview": True}, set_by_gateway=("request_id",))
    assert validated(ASSIGN.request, {"expected_digest": DIGEST}, set_by_gateway=("request_id",))
    for bad in ({"expected_digest": "abc"}, {"expected_digest": DIGEST.upper()}, {"preview": "maybe"}):
        with pytest.raises(Rejected) as refused:
            validated(ASSIGN.request, bad, set_by_gateway=("request_id",))
        assert refused.value.status == 422 and set(refused.value.errors) == set(bad)


def test_the_service_loads_a_preview_off_by_default():
    assert AssignRequest().load({"request_id": "6f0c3f8e-8f55-4c8c-9a3f-2f1d5f0e8b11"})["preview"] is False


def test_the_digest_ignores_order_and_names_pairs_and_scores():
    one = batch_assignment.assignment_digest("v1", [("n1", "t1", 0.5), ("n2", "t2", 0.25)])
    assert one == batch_assignment.assignment_digest("v1", [("n2", "t2", 0.25), ("n1", "t1", 0.5)])
    assert one != batch_assignment.assignment_digest("v1", [("n1", "t2", 0.5), ("n2", "t1", 0.25)])
    assert one != batch_assignment.assignment_digest("v2", [("n1", "t1", 0.5), ("n2", "t2", 0.25)])
    assert len(one) == 64
