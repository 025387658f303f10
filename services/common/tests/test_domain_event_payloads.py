"""An event's payload is dataclasses.asdict of it, whatever its fields hold."""
import datetime as dt
from dataclasses import asdict, dataclass, field

from services.common.domain_events import DomainEvent


@dataclass(frozen=True)
class Place:
    region: str
    towns: list[str]


@dataclass(frozen=True)
class Plain(DomainEvent):
    type = "probe.plain_happened"
    item_id: str
    count: int | None
    share: float
    open: bool
    fields: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rich(DomainEvent):
    type = "probe.rich_happened"
    item_id: str
    place: Place
    on: dt.date
    extra: dict = field(default_factory=dict)
    mixed: list = field(default_factory=list)


def test_plain_values_and_lists_of_them_give_what_asdict_gives_with_the_lists_copied():
    event = Plain("a-1", None, 0.5, True, ["welfare", "disaster"])
    payload = event.payload()
    assert payload == asdict(event) and list(payload) == list(asdict(event))
    assert payload["fields"] is not event.fields


def test_nested_dataclasses_dicts_and_dates_give_what_asdict_gives():
    event = Rich("a-2", Place("yu", ["神東"]), dt.date(2026, 4, 1), {"k": [1]},
                 ["text", Place("kuga", [])])
    assert event.payload() == asdict(event) == {
        "item_id": "a-2", "place": {"region": "yu", "towns": ["神東"]}, "on": dt.date(2026, 4, 1),
        "extra": {"k": [1]}, "mixed": ["text", {"region": "kuga", "towns": []}]}
