"""Every message template, rendered from its event's example payload (the producer's own, read
through notifications' tolerant reader and handled by the real handler), in Japanese and in
English; autoescape, StrictUndefined and the Japanese fallback."""
import importlib
import uuid

import pytest
from jinja2 import UndefinedError

from deploy.components import SERVICE_NAMES
from services.common.envelope import Envelope
from services.common.event_handling import apply_once
from services.notifications.adapters.message_templates import TEMPLATES
from services.notifications.app import subscriptions
from services.notifications.app.event_handlers import EVENT_HANDLERS, READ_MODEL_ONLY, SUBSCRIBABLE
from services.notifications.app.subscriptions import SubscriptionChoice
from services.notifications.app.preference_settings import put_preferences
from services.notifications.app.announcements import PUBLISHED as ANNOUNCEMENT
from services.notifications.app.circulars import SENT as CIRCULAR
from services.notifications.app.sending import DISABLED_EVENT
from services.notifications.domain.subscription_defaults import FOLLOWED
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.tests.fakes import MemoryNotificationsUnitOfWork
from services.common.actor import Actor

EXAMPLES = {contract.type: (name, contract.example) for name in SERVICE_NAMES
            for contract in importlib.import_module(f"services.{name}.contract.events").PUBLISHED
            if CONSUMED.knows(contract.type, contract.version)}
ANYONE = Actor("citizen", str(uuid.uuid4()))


def handled(event_type: str, language: str | None = None, recipients=()):
    producer, example = EXAMPLES[event_type]
    uow = MemoryNotificationsUnitOfWork()
    if event_type in FOLLOWED:  # reaches whoever follows its organisation
        organisation = example.get("organisation_id") or example["organiser_id"]
        subscriptions.subscribe(uow, ANYONE, SubscriptionChoice([], [], [organisation], None),
                                SUBSCRIBABLE)
    for recipient in recipients:
        role, subject = recipient.split(":", 1)
        put_preferences(uow, Actor(role, subject), {"language": language})
    envelope = Envelope(event_type, 1, producer, example, "corr").as_dict()
    assert apply_once(uow, envelope, CONSUMED.load_incoming(envelope)[1], EVENT_HANDLERS[event_type])
    return list(uow.messages.rows.values())


def test_every_consumed_event_has_a_handler_and_a_japanese_template():
    assert set(CONSUMED.types()) == set(EVENT_HANDLERS)
    assert set(TEMPLATES.event_types("ja")) == (set(CONSUMED.types()) - READ_MODEL_ONLY) | {
        DISABLED_EVENT, ANNOUNCEMENT, CIRCULAR}
    assert set(TEMPLATES.event_types("en")) <= set(TEMPLATES.event_types("ja"))


@pytest.mark.parametrize("event_type", sorted(set(CONSUMED.types()) - READ_MODEL_ONLY))
def test_each_template_renders_from_its_events_example_in_japanese_then_english(event_type):
    assert event_type in EXAMPLES, f"no producer publishes {event_type}"
    messages = handled(event_type)
    assert messages, f"the example of {event_type} reached nobody"
    for message in messages:
        japanese, english = message.title.split(" / ", 1)
        assert any("\u3040" <= ch <= "\u9fff" for ch in japanese) and english.isascii()
        assert "{" not in message.body and " / " in message.body
    english_messages = handled(event_type, "en", [m.recipient_id for m in messages])
    japanese_titles = {m.title for m in messages}
    for message in english_messages:
        if event_type in TEMPLATES.event_types("en"):
            # English only (names and places from the data may still be Japanese).
            assert message.title not in japanese_titles and " / " not in message.title
            assert message.title[0].isascii() and message.body[0].isascii()
        else:  # no English file: the Japanese one, which carries English after the Japanese
            assert message.title in japanese_titles


def test_the_endpoint_disabled_notice_renders_in_both_languages():
    facts = {"url": "https://partner.example.jp/hooks", "reason": "410 Gone"}
    assert TEMPLATES.render(DISABLED_EVENT, "ja", facts)[0].startswith("Webhook の送信先を停止しました")
    assert TEMPLATES.render(DISABLED_EVENT, "en", facts)[1].startswith("Deliveries to https://")


@pytest.mark.parametrize("critical, ja, en", [(True, "【重要】お知らせ: 避難所の開設", "Important: "),
                                               (False, "お知らせ: 避難所の開設", "Announcement: ")])
def test_announcements_render_critical_ones_marked(critical, ja, en):
    facts = {"title": "避難所の開設", "body": "由宇小学校を避難所として開設しました。", "critical": critical}
    assert TEMPLATES.render(ANNOUNCEMENT, "ja", facts)[0].startswith(ja)
    assert TEMPLATES.render(ANNOUNCEMENT, "en", facts)[0].startswith(en)


@pytest.mark.parametrize("month_label, ja, en", [
    ("2026年12月号", "回覧板（2026年12月号）: 清掃活動 / Circular", "Circular (2026年12月号): 清掃活動"),
    (None, "回覧板: 清掃活動 / Circular", "Circular: 清掃活動")])
def test_circulars_render_with_their_month_heading(month_label, ja, en):
    facts = {"title": "清掃活動", "body": "12月27日に清掃します。", "month_label": month_label,
             "critical": False}
    assert TEMPLATES.render(CIRCULAR, "ja", facts)[0] == ja
    assert TEMPLATES.render(CIRCULAR, "en", facts)[0] == en
    assert "確認しました" in TEMPLATES.render(CIRCULAR, "ja", facts)[1]


def test_a_missing_translation_falls_back_to_japanese():
    facts = {"organisation_id": str(uuid.uuid4()), "town": "今津町", "place": "岩国"}
    assert "registry.newcomer_interest_registered" not in TEMPLATES.event_types("en")
    assert TEMPLATES.render("registry.newcomer_interest_registered", "en", facts) == \
        TEMPLATES.render("registry.newcomer_interest_registered", "ja", facts)


def test_autoescape_keeps_markup_inert_and_the_text_readable():
    facts = {"title": "<script>alert(1)</script> & 防災", "place": "由宇", "slots": 2,
             "region": "yu"}
    title, _ = TEMPLATES.render("matching.need_posted", "ja", facts)
    # The text is given back as written (the inbox and text mail show it as such); the HTML
    # e-mail escapes it again when it shows it (tests/adapters/test_notifications_delivery.py).
    assert title == "新しい募集: <script>alert(1)</script> & 防災 / New opportunity"


def test_an_undefined_name_fails_instead_of_printing_nothing():
    with pytest.raises(UndefinedError):
        TEMPLATES.render("matching.need_posted", "ja", {"title": "x"})
