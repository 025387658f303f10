from services.common.city_profile_file import region_names
from services.common.sqlalchemy_uow import SqlAlchemyUnitOfWork
from services.notifications.adapters.repositories import SqlInboxMessages, SqlSubscriptions


class NotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    def attach_repositories(self, session):
        self.subscriptions = SqlSubscriptions(session)
        self.messages = SqlInboxMessages(session)
        self.place_names = region_names()  # region code → the name people know
