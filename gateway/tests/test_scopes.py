"""Scopes: read/write per route family (the route's tag); defaults follow the role."""
from types import SimpleNamespace

from gateway.routes import ROUTES
from gateway.scopes import SCOPE_FORMAT, allows, scope_of, scopes_for_role


def route(tag, method, roles=("operator",)):
    return SimpleNamespace(tag=tag, method=method, roles=roles)


def test_get_reads_and_every_other_method_writes():
    assert scope_of(route("matching", "GET")) == "matching:read"
    assert {scope_of(route("matching", method)) for method in ("POST", "PUT", "PATCH", "DELETE")} == {
        "matching:write"}


def test_a_role_gets_by_default_what_its_routes_need_and_no_more():
    partner = scopes_for_role("partner", ROUTES)
    assert {"matching:read", "matching:write", "reports:read", "api-keys:read"} <= set(partner)
    assert "consultations:read" not in partner and "api-keys:write" in partner  # revokes its own
    assert "consultations:write" in scopes_for_role("operator", ROUTES)
    assert scopes_for_role("nobody", ROUTES) == ()


def test_every_route_family_makes_well_formed_scopes():
    assert all(SCOPE_FORMAT.match(scope_of(r)) for r in ROUTES)


def test_no_list_allows_what_the_role_allows_and_a_list_only_itself():
    reading = route("reports", "GET")
    assert allows(None, reading)
    assert allows(("reports:read",), reading)
    assert not allows(("reports:write", "matching:read"), reading)
