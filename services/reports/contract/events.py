"""Events reports publishes: none yet."""
from services.common.event_contracts import EventCatalogue

PUBLISHED = EventCatalogue([])
