"""Every producer's example loads in every consumer of that event (DESIGN.md, "Events").

A producer's events are its contract (`services/<svc>/contract/events.py`); each consumer reads
them with its own tolerant reader (`services/<svc>/entrypoints/consumed_events.py`), so no
service imports another.
"""
import importlib
import importlib.util

import pytest

from deploy.components import SERVICE_NAMES
from services.common.envelope import Envelope

PRODUCERS = {name: importlib.import_module(f"services.{name}.contract.events").PUBLISHED
             for name in SERVICE_NAMES}
PUBLISHED = [(name, contract) for name, catalogue in PRODUCERS.items() for contract in catalogue]
CONSUMERS = {name: importlib.import_module(f"services.{name}.entrypoints.consumed_events").CONSUMED
             for name in SERVICE_NAMES
             if importlib.util.find_spec(f"services.{name}.entrypoints.consumed_events")}


def test_every_consumed_event_has_a_producer():
    produced = {(c.type, c.version) for _, c in PUBLISHED}
    for consumer, catalogue in CONSUMERS.items():
        for contract in catalogue:
            assert (contract.type, contract.version) in produced, f"{consumer} reads {contract.type} nobody sends"


def test_every_published_event_has_a_consumer():
    """Publishing is mandatory: an event nobody is bound to would sit in the outbox."""
    consumed = {(c.type, c.version) for catalogue in CONSUMERS.values() for c in catalogue}
    for producer, contract in PUBLISHED:
        assert (contract.type, contract.version) in consumed, f"{producer}'s {contract.type} has no consumer"


@pytest.mark.parametrize("producer, contract", PUBLISHED, ids=lambda v: getattr(v, "type", v))
def test_the_producers_example_is_valid_and_loads_in_every_consumer(producer, contract):
    envelope = Envelope(contract.type, contract.version, producer, contract.example, "corr-1")
    PRODUCERS[producer].validate_outgoing(envelope)
    readers = [name for name, catalogue in CONSUMERS.items() if catalogue.knows(contract.type, contract.version)]
    assert readers
    for reader in readers:
        _, payload = CONSUMERS[reader].load_incoming(envelope.as_dict())
        assert payload, f"{reader} read nothing of {contract.type}"


def test_consumers_ignore_fields_they_do_not_know():
    """Producers may add fields (additive changes) without breaking anyone."""
    for producer, contract in PUBLISHED:
        envelope = Envelope(contract.type, contract.version, producer,
                            {**contract.example, "added_later": "新しい項目"}, "corr-1")
        for catalogue in CONSUMERS.values():
            if catalogue.knows(contract.type, contract.version):
                _, payload = catalogue.load_incoming(envelope.as_dict())
                assert "added_later" not in payload


def _values(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _values(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(item)
    else:
        yield value


def test_handlers_get_ids_as_strings():
    """One shape for every handler: ids are str (UuidString), never uuid.UUID to cast back."""
    import uuid
    for producer, contract in PUBLISHED:
        envelope = Envelope(contract.type, contract.version, producer, contract.example, "corr-1")
        for reader, catalogue in CONSUMERS.items():
            if catalogue.knows(contract.type, contract.version):
                _, payload = catalogue.load_incoming(envelope.as_dict())
                typed = [v for v in _values(payload) if isinstance(v, uuid.UUID)]
                assert typed == [], f"{reader} gets UUID objects from {contract.type}"
