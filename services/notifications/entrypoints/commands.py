"""The app layer's commands and queries, built from loaded requests."""
from services.common.pagination import decode_cursor
from services.notifications.app.announcements import NewAnnouncement
from services.notifications.app.circulars import NewCircular
from services.notifications.app.inbox import InboxQuery
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.app.webhooks import NewEndpoint


def inbox_query(request: dict) -> InboxQuery:
    return InboxQuery(after=decode_cursor(request.get("cursor")), limit=request["limit"])


def new_endpoint(request: dict) -> NewEndpoint:
    return NewEndpoint(request_id=request["request_id"], url=request["url"],
                       event_types=tuple(request["event_types"]),
                       description=request["description"])


def new_announcement(request: dict) -> NewAnnouncement:
    return NewAnnouncement(request_id=request["request_id"], title=request["title"],
                           body=request["body"], regions=tuple(request["regions"]),
                           fields=tuple(request["fields_"]), critical=request["critical"],
                           public=request["public"])


def subscription_choice(request: dict) -> SubscriptionChoice:
    return SubscriptionChoice(regions=request["regions"], fields=request["fields_"],
                              organisations=request["organisations"],
                              event_types=request["event_types"])


def recipient_id(request: dict) -> str:
    return f"{request['role']}:{request['subject_id']}"


def new_circular(request: dict) -> NewCircular:
    return NewCircular(request_id=request["request_id"], organisation_id=request["organisation_id"],
                       title=request["title"], body=request["body"], month=request["month"],
                       critical=request["critical"])
