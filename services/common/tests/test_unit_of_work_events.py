"""A unit of work collects each written aggregate's events once, in the order the aggregates were
first written, however many it writes (kept by identity: a list scan per write was quadratic)."""
from dataclasses import dataclass, field

from services.common.unit_of_work import MemoryUnitOfWork


@dataclass(eq=False)
class Thing:
    name: str
    events: list = field(default_factory=list)


@dataclass
class Value:  # compares by value (and so is unhashable), as many domain objects do
    name: str
    events: list = field(default_factory=list)


class Things:
    def add(self, thing):
        pass

    def save(self, thing):
        pass


class Work(MemoryUnitOfWork):
    def __enter__(self):
        super().__enter__()
        self.things = self.track(Things())
        return self


def test_events_come_once_per_aggregate_in_first_written_order():
    uow = Work()
    first, second = Thing("first", ["a1"]), Thing("second", ["b1"])
    with uow:
        uow.things.add(first)
        uow.things.add(second)
        first.events.append("a2")
        uow.things.save(first)  # seen again: still collected once, in its first place
        uow.commit()
    assert uow.published == ["a1", "a2", "b1"]


def test_equal_but_distinct_aggregates_are_each_collected():
    uow = Work()
    many = [Value("same", ["happened"]) for _ in range(5_000)]
    assert many[0] == many[1]
    with uow:
        for thing in many:
            uow.things.add(thing)
        uow.commit()
    assert uow.published == ["happened"] * 5_000
