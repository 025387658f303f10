"""Events notifications publishes: none yet."""
from services.common.event_contracts import EventCatalogue

PUBLISHED = EventCatalogue([])
