"""The gateway's route table stays unambiguous as services add routes: each operation name, each
method and path, and each schema name (an OpenAPI component) is used once. Two helpers adding a
`listOpportunities` or an `OpportunitySchema` each would otherwise shadow one another."""
from collections import defaultdict

from gateway.routes import ROUTES


def _repeated(keys) -> list:
    seen = defaultdict(int)
    for key in keys:
        seen[key] += 1
    return sorted(key for key, count in seen.items() if count > 1)


def test_operation_names_and_method_paths_are_unique():
    assert _repeated(r.name for r in ROUTES) == []
    assert _repeated((r.method, r.path) for r in ROUTES) == []


def test_no_two_schemas_share_a_name():
    modules = defaultdict(set)
    for route in ROUTES:
        for schema in (route.request, route.response):
            if schema is not None:
                modules[schema.__name__].add(schema.__module__)
    assert {name: found for name, found in modules.items() if len(found) > 1} == {}
