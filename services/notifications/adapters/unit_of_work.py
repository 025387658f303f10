from services.common.city_profile_file import region_names
from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.notifications.adapters.inbox_message_repositories import SqlInboxMessageRepository
from services.notifications.adapters.subscription_repositories import SqlSubscriptionRepository


class SqlNotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.subscriptions = self.track(SqlSubscriptionRepository(session))
        self.messages = self.track(SqlInboxMessageRepository(session))
        self.place_names = region_names()  # region code → the name people know
