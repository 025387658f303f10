"""The port checker that every service's test_ports.py relies on finds what it should."""
from typing import Protocol

from tests.support.ports import attribute_ports, mismatches


class ThingRepository(Protocol):
    def add(self, thing) -> None: ...

    def get(self, thing_id: str, *, for_update: bool = False): ...


class ThingUnitOfWork(Protocol):
    things: ThingRepository

    def commit(self) -> None: ...


class Conforming:
    def add(self, thing) -> None: ...

    def get(self, thing_id: str, *, for_update: bool = False): ...

    def extra(self): ...


class MissingGet:
    def add(self, thing) -> None: ...


class RenamedParameter:
    def add(self, item) -> None: ...

    def get(self, thing_id: str, *, for_update: bool = False): ...


class NoDefault:
    def add(self, thing) -> None: ...

    def get(self, thing_id: str, *, for_update: bool): ...


def test_a_conforming_implementation_passes_and_may_offer_more():
    assert mismatches(ThingRepository, Conforming) == []


def test_a_missing_method_a_renamed_parameter_or_a_lost_default_is_reported():
    assert mismatches(ThingRepository, MissingGet) == ["MissingGet.get is missing"]
    assert len(mismatches(ThingRepository, RenamedParameter)) == 1
    assert len(mismatches(ThingRepository, NoDefault)) == 1


def test_a_unit_of_work_port_names_its_repositories():
    assert attribute_ports(ThingUnitOfWork) == {"things": ThingRepository}


def test_a_unit_of_work_missing_or_wrapping_a_wrong_repository_is_reported():
    from services.common.unit_of_work import MemoryUnitOfWork

    class Good(MemoryUnitOfWork):
        def __init__(self):
            super().__init__()
            self.things = self.track(Conforming())

    class Wrong(MemoryUnitOfWork):
        def __init__(self):
            super().__init__()
            self.things = self.track(MissingGet())

    from tests.support.ports import attachment_mismatches
    with Good() as uow:
        assert attachment_mismatches(uow, ThingUnitOfWork) == []
    with Wrong() as uow:
        assert attachment_mismatches(uow, ThingUnitOfWork) == ["MissingGet.get is missing"]
    with MemoryUnitOfWork() as uow:
        assert attachment_mismatches(uow, ThingUnitOfWork) == ["things is not attached"]
