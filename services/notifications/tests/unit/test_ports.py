"""The SQL repositories and the in-memory fakes both offer what notifications' ports promise."""
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from services.notifications.adapters.inbox_message_repositories import SqlInboxMessageRepository
from services.notifications.adapters.subscription_repositories import SqlSubscriptionRepository
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.notifications.app.ports import (InboxMessageRepository, NotificationsUnitOfWork,
                                              SubscriptionRepository)
from services.notifications.contract.events import PUBLISHED
from services.notifications.tests.fakes import (MemoryInboxMessageRepository,
                                                MemoryNotificationsUnitOfWork,
                                                MemorySubscriptionRepository)
from tests.support.ports import attachment_mismatches, attribute_ports, mismatches

IMPLEMENTATIONS = [
    (SubscriptionRepository, SqlSubscriptionRepository),
    (SubscriptionRepository, MemorySubscriptionRepository),
    (InboxMessageRepository, SqlInboxMessageRepository),
    (InboxMessageRepository, MemoryInboxMessageRepository),
    (NotificationsUnitOfWork, SqlNotificationsUnitOfWork),
    (NotificationsUnitOfWork, MemoryNotificationsUnitOfWork),
]


@pytest.mark.parametrize("port, implementation", IMPLEMENTATIONS,
                         ids=lambda v: getattr(v, "__name__", v))
def test_every_implementation_offers_its_port(port, implementation):
    assert mismatches(port, implementation) == []


def _sql_unit_of_work():
    return SqlNotificationsUnitOfWork(sessionmaker(create_engine("sqlite://")), "notifications",
                                      PUBLISHED, MESSAGING)


@pytest.mark.parametrize("make_uow", [_sql_unit_of_work, MemoryNotificationsUnitOfWork],
                         ids=["sql", "memory"])
def test_the_units_of_work_attach_every_repository_the_port_names(make_uow):
    ports = attribute_ports(NotificationsUnitOfWork)
    assert set(ports) == {"subscriptions", "messages", "inbox"}
    with make_uow() as uow:
        assert attachment_mismatches(uow, NotificationsUnitOfWork) == []
        assert uow.place_names
