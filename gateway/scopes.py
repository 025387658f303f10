"""Scopes: read or write on one family of routes, the family being the route's tag
(registry, facilities, matching, notifications, reports, admin, api-keys …).

A key issued with a list of scopes may call only the routes they cover; a key issued without
one may call everything its role may (so keys issued before scopes keep working).
"""
import re

READ, WRITE = "read", "write"
SCOPE_FORMAT = re.compile(r"^[a-z][a-z-]*:(read|write)$")


def scope_of(route) -> str:
    """GET reads; every other method writes."""
    return f"{route.tag}:{READ if route.method == 'GET' else WRITE}"


def scopes_for_role(role: str, routes) -> tuple[str, ...]:
    """Every scope that names at least one route the role may call."""
    return tuple(sorted({scope_of(route) for route in routes if role in route.roles}))


def allows(scopes: tuple[str, ...] | None, route) -> bool:
    return scopes is None or scope_of(route) in scopes
