"""The SQL repositories and the in-memory fakes both offer what notifications' ports promise."""
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

from services.notifications.adapters.host_resolver import SocketHostResolver
from services.notifications.adapters.announcement_repositories import SqlAnnouncementRepository
from services.notifications.adapters.circular_repositories import (SqlCircularRepository,
                                                                    SqlMembershipRepository)
from services.notifications.adapters.delivery_repositories import SqlDeliveryRepository
from services.notifications.adapters.contact_address_repositories import SqlContactAddressRepository
from services.notifications.adapters.inbox_message_repositories import SqlInboxMessageRepository
from services.notifications.adapters.subscription_repositories import SqlSubscriptionRepository
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.line_channel import LineMessagingChannel
from services.notifications.adapters.message_templates import JinjaMessageTemplates
from services.notifications.adapters.personal_data_repositories import SqlPersonalDataRepository
from services.notifications.adapters.preference_repositories import SqlPreferenceRepository
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.notifications.adapters.webhook_endpoint_repositories import SqlWebhookEndpointRepository
from services.notifications.adapters.smtp_channel import SmtpChannel
from services.notifications.adapters.webhook_channel import HttpWebhookChannel
from services.notifications.app.ports import (AnnouncementRepository, CircularRepository,
                                              MembershipRepository, DeliveryRepository, ContactAddressRepository,
                                              EmailChannel, HostResolver, InboxMessageRepository,
                                              LineChannel,
                                              MessageTemplates,
                                              NotificationsUnitOfWork, PersonalDataRepository, PreferenceRepository,
                                              SubscriptionRepository,
                                              WebhookChannel, WebhookEndpointRepository)
from services.notifications.contract.events import PUBLISHED
from services.notifications.tests.fakes import (MemoryAnnouncementRepository,
                                                MemoryCircularRepository,
                                                MemoryMembershipRepository,
                                                MemoryDeliveryRepository,
                                                MemoryContactAddressRepository,
                                                MemoryInboxMessageRepository,
                                                MemoryNotificationsUnitOfWork,
                                                MemoryPersonalDataRepository,
                                                MemoryPreferenceRepository,
                                                MemorySubscriptionRepository,
                                                MemoryWebhookEndpointRepository)
from services.notifications.tests.fixed_resolver import FixedResolver
from services.notifications.tests.recording_channels import (RecordingEmailChannel,
                                                             RecordingLineChannel,
                                                             RecordingWebhookChannel)
from tests.support.ports import attachment_mismatches, attribute_ports, mismatches

IMPLEMENTATIONS = [
    (SubscriptionRepository, SqlSubscriptionRepository),
    (SubscriptionRepository, MemorySubscriptionRepository),
    (InboxMessageRepository, SqlInboxMessageRepository),
    (InboxMessageRepository, MemoryInboxMessageRepository),
    (ContactAddressRepository, SqlContactAddressRepository),
    (ContactAddressRepository, MemoryContactAddressRepository),
    (WebhookEndpointRepository, SqlWebhookEndpointRepository),
    (WebhookEndpointRepository, MemoryWebhookEndpointRepository),
    (DeliveryRepository, SqlDeliveryRepository),
    (DeliveryRepository, MemoryDeliveryRepository),
    (EmailChannel, SmtpChannel),
    (EmailChannel, RecordingEmailChannel),
    (WebhookChannel, HttpWebhookChannel),
    (LineChannel, LineMessagingChannel),
    (LineChannel, RecordingLineChannel),
    (WebhookChannel, RecordingWebhookChannel),
    (HostResolver, SocketHostResolver),
    (HostResolver, FixedResolver),
    (PersonalDataRepository, SqlPersonalDataRepository),
    (PersonalDataRepository, MemoryPersonalDataRepository),
    (PreferenceRepository, SqlPreferenceRepository),
    (PreferenceRepository, MemoryPreferenceRepository),
    (MessageTemplates, JinjaMessageTemplates),
    (AnnouncementRepository, SqlAnnouncementRepository),
    (AnnouncementRepository, MemoryAnnouncementRepository),
    (MembershipRepository, SqlMembershipRepository),
    (MembershipRepository, MemoryMembershipRepository),
    (CircularRepository, SqlCircularRepository),
    (CircularRepository, MemoryCircularRepository),
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
    assert set(ports) == {"subscriptions", "messages", "addresses", "webhook_endpoints",
                          "deliveries", "preferences", "announcements", "memberships", "circulars",
                          "personal_data", "templates", "inbox"}
    with make_uow() as uow:
        assert attachment_mismatches(uow, NotificationsUnitOfWork) == []
        assert uow.place_names
