"""Checks that an adapter or a fake offers what a port (a typing.Protocol) promises.

Every public method of the port must exist on the implementation with the same parameter
names, kinds and defaults' presence; extra methods on the implementation are allowed.
"""
import inspect
from typing import Protocol, get_type_hints


def port_members(port: type[Protocol]) -> dict[str, inspect.Signature]:
    return {name: inspect.signature(member) for name, member in vars(port).items()
            if callable(member) and not name.startswith("_")}


def mismatches(port: type[Protocol], implementation: type) -> list[str]:
    """What `implementation` lacks or declares differently; empty when it conforms."""
    problems = []
    for name, expected in port_members(port).items():
        member = inspect.getattr_static(implementation, name, None)
        if member is None or not callable(member):
            problems.append(f"{implementation.__name__}.{name} is missing")
            continue
        actual = inspect.signature(member)
        if _shape(actual) != _shape(expected):
            problems.append(f"{implementation.__name__}.{name}{actual} differs from the port's "
                            f"{name}{expected}")
    return problems


def attribute_ports(port: type[Protocol]) -> dict[str, type]:
    """The repositories a unit-of-work port names, as {attribute: port}."""
    return {name: hint for name, hint in get_type_hints(port).items()
            if isinstance(hint, type) and getattr(hint, "_is_protocol", False)}


def _shape(signature: inspect.Signature) -> list[tuple[str, object, bool]]:
    return [(p.name, p.kind, p.default is inspect.Parameter.empty)
            for p in signature.parameters.values()]


def attachment_mismatches(uow, uow_port: type[Protocol]) -> list[str]:
    """What an entered unit of work attaches that does not offer the port's repositories."""
    problems = []
    for name, port in attribute_ports(uow_port).items():
        attached = getattr(uow, name, None)
        if attached is None:
            problems.append(f"{name} is not attached")
            continue
        # `UnitOfWork.track` wraps a repository to see its writes; check what it wraps.
        problems += mismatches(port, type(getattr(attached, "_repository", attached)))
    return problems
