"""The OpenAPI document promises a problem+json answer for every error status of every route."""
from gateway.openapi import PROBLEM_STATUSES, build_openapi
from gateway.problems import TITLES


def test_every_operation_lists_every_error_status_with_the_problem_schema():
    document = build_openapi()
    operations = [operation for by_method in document["paths"].values()
                  for operation in by_method.values()]
    assert len(operations) > 100
    for operation in operations:
        errors = {status for status in operation["responses"] if status >= "400"}
        assert errors == {str(status) for status in PROBLEM_STATUSES}, operation["operationId"]
    for status in PROBLEM_STATUSES:
        response = document["components"]["responses"][f"Problem{status}"]
        assert response["description"] == TITLES[status]
        schema = response["content"]["application/problem+json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/Problem"}
    assert {"414", "431", "500"} <= set(operations[0]["responses"])
    assert document["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status"]


def test_a_body_is_required_only_where_a_field_is():
    paths = build_openapi()["paths"]
    approve = paths["/api/v1/matches/{match_id}/approve"]["post"]
    fulfil = paths["/api/v1/offers/{offer_id}/fulfilment"]["post"]
    assert approve["requestBody"]["required"] is False  # people_reached is optional
    assert fulfil["requestBody"]["required"] is True
