import os

from services.common.city_profile_file import region_names
from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.notifications.adapters.announcement_repositories import SqlAnnouncementRepository
from services.notifications.adapters.circular_repositories import (SqlCircularRepository,
                                                                    SqlMembershipRepository)
from services.notifications.adapters.delivery_repositories import SqlDeliveryRepository
from services.notifications.adapters.contact_address_repositories import SqlContactAddressRepository
from services.notifications.adapters.message_templates import TEMPLATES
from services.notifications.adapters.inbox_message_repositories import SqlInboxMessageRepository
from services.notifications.adapters.personal_data_repositories import SqlPersonalDataRepository
from services.notifications.adapters.preference_repositories import SqlPreferenceRepository
from services.notifications.adapters.subscription_repositories import SqlSubscriptionRepository
from services.notifications.adapters.webhook_endpoint_repositories import SqlWebhookEndpointRepository


class SqlNotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.subscriptions = self.track(SqlSubscriptionRepository(session))
        self.messages = self.track(SqlInboxMessageRepository(session))
        self.addresses = self.track(SqlContactAddressRepository(session))
        self.webhook_endpoints = self.track(SqlWebhookEndpointRepository(session))
        self.deliveries = self.track(SqlDeliveryRepository(session))
        self.preferences = self.track(SqlPreferenceRepository(session))
        self.announcements = self.track(SqlAnnouncementRepository(session))
        self.memberships = self.track(SqlMembershipRepository(session))
        self.circulars = self.track(SqlCircularRepository(session))
        self.personal_data = SqlPersonalDataRepository(session)
        self.default_daily_cap = int(os.environ.get("KYODO_NOTIFICATIONS_DAILY_CAP", "20"))
        self.templates = TEMPLATES
        self.place_names = region_names()  # region code → the name people know
