"""Demo notifications for Iwakuni, through the public API: announcements (お知らせ) from the
support center to everyone, to a region and to a field — they fill inboxes and the public Atom
feed at /api/v1/feeds/public.atom — and the operator's own preferences.

No e-mail addresses or webhooks: the demo must not send mail or call URLs nobody asked for.
"""
from deploy.demo_api import DemoApi

ANNOUNCEMENTS = (
    {"title": "市民活動支援センター 年末年始の休館について",
     "body": "12月29日（月）から1月3日（土）まで休館します。ご相談は1月5日（月）から受け付けます。"},
    {"title": "由宇地区 防災訓練のお知らせ",
     "body": "12月6日（日）9時から由宇小学校で防災訓練を行います。受付ボランティアも募集中です。",
     "regions": ["yu"]},
    {"title": "福祉分野の団体向け 助成金説明会",
     "body": "地域福祉活動への助成制度について、1月17日（土）14時から説明会を開きます。",
     "fields": ["welfare"]},
)


def load_notifications_demo(api: DemoApi) -> str:
    reached = 0
    for announcement in ANNOUNCEMENTS:
        reached += api.call("POST", "/announcements", {**announcement, "public": True})["recipients"]
    api.call("PUT", "/notifications/preferences", {
        "language": "ja", "time_zone": "Asia/Tokyo", "quiet_start": "22:00:00",
        "quiet_end": "07:00:00", "channels": {"email": "daily"}})
    return f"{len(ANNOUNCEMENTS)} announcements ({reached} inbox messages)"
