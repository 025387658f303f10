"""Routes to notifications."""
from services.notifications.contract.requests import PutSubscriptionRequest, ReadInboxRequest
from services.notifications.contract.responses import InboxPageSchema, SubscriptionSchema

from gateway.routes.route import PEOPLE, Route

ROUTES = (
    Route("putSubscription", "PUT", "/api/v1/subscriptions/me",
          "お知らせの購読を設定 / Set what you hear about", "notifications", PEOPLE,
          ("notifications", "put_subscription"), request=PutSubscriptionRequest,
          response=SubscriptionSchema),
    Route("getSubscription", "GET", "/api/v1/subscriptions/me",
          "お知らせの購読を確認 / What you hear about", "notifications", PEOPLE,
          ("notifications", "get_subscription"), response=SubscriptionSchema),
    Route("readInbox", "GET", "/api/v1/inbox", "受信箱 / Your inbox", "notifications", PEOPLE,
          ("notifications", "read_inbox"), request=ReadInboxRequest, response=InboxPageSchema),
)
