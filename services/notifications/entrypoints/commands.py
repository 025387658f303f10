"""The app layer's queries, built from loaded requests."""
from services.common.pagination import decode_cursor
from services.notifications.app.inbox import InboxQuery


def inbox_query(request: dict) -> InboxQuery:
    return InboxQuery(after=decode_cursor(request.get("cursor")), limit=request["limit"])
