"""An entrypoint's arguments are checked against its method's signature, read once."""
from types import SimpleNamespace

import pytest
from nameko.exceptions import IncorrectSignature
from nameko.rpc import Rpc

from services.common.nameko_signatures import SignatureReadOnce


class Service:
    def work(self, actor, request, *, verbose=False):
        return actor, request


class _Checked(SignatureReadOnce, Rpc):
    pass


def _entrypoint() -> _Checked:
    entrypoint = _Checked()
    entrypoint.container = SimpleNamespace(service_cls=Service)
    entrypoint.method_name = "work"
    return entrypoint


def test_arguments_that_fit_the_method_pass_and_others_are_refused_as_nameko_refuses_them():
    entrypoint = _entrypoint()
    entrypoint.check_signature(({"role": "operator"}, {}), {})
    entrypoint.check_signature(({},), {"request": {}, "verbose": True})
    for args, kwargs in (((), {}), (({}, {}, {}), {}), (({}, {}), {"other": 1})):
        with pytest.raises(IncorrectSignature):
            entrypoint.check_signature(args, kwargs)


def test_the_signature_is_read_once_per_entrypoint():
    entrypoint = _entrypoint()
    entrypoint.check_signature(({}, {}), {})
    read = entrypoint._method_signature
    entrypoint.check_signature(({}, {}), {})
    assert entrypoint._method_signature is read


class PlainService:
    def work(self, actor, request):
        return actor, request


@pytest.mark.parametrize("args, kwargs, fits", [
    (({}, {}), {}, True), (({},), {"request": {}}, True), ((), {"actor": {}, "request": {}}, True),
    ((), {}, False), (({},), {}, False), (({}, {}, {}), {}, False), (({}, {}), {"request": {}}, False),
    (({}, {}), {"other": 1}, False),
])
def test_a_method_of_plain_positional_parameters_takes_what_binding_takes(args, kwargs, fits):
    entrypoint = _entrypoint()
    entrypoint.container = SimpleNamespace(service_cls=PlainService)
    assert entrypoint._plain_arguments == 2
    try:
        entrypoint.check_signature(args, kwargs)
        checked = True
    except IncorrectSignature:
        checked = False
    assert checked is fits


def test_a_method_with_keyword_only_or_defaulted_parameters_is_always_bound():
    assert _entrypoint()._plain_arguments is None
