"""One event fanned out to 10,000 subscribers: inbox rows/s, e-mails/s to a local SMTP sink,
webhook deliveries/s to a local receiver that verifies every signature, and peak memory.

  python tests/benchmarks/bench_notifications.py [--recipients N] [--database-url URL] [--senders K]

Every subscriber hears of region yu and has a confirmed e-mail address and a webhook endpoint.
The event handler runs once (its inbox row, N inbox messages and 2N pending deliveries in one
transaction); then the sender works as the service's does: claim a batch, prepare it in one
read, send on K threads (e-mails over kept SMTP connections to aiosmtpd, each webhook its own
signed POST), record the batch's outcomes in one write.
"""
import argparse
import resource
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import insert  # noqa: E402

from services.common.database import make_engine, make_session_factory  # noqa: E402
from services.common.envelope import Envelope  # noqa: E402
from services.common.event_handling import apply_once  # noqa: E402
from services.common.migrations import upgrade  # noqa: E402
from services.notifications.adapters import tables  # noqa: E402
from services.notifications.adapters.line_channel import LineMessagingChannel  # noqa: E402
from services.notifications.adapters.host_resolver import SocketHostResolver
from services.notifications.adapters.smtp_channel import SmtpChannel, SmtpSettings  # noqa: E402
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork  # noqa: E402
from services.notifications.adapters.webhook_channel import HttpWebhookChannel  # noqa: E402
from services.notifications.app import sending  # noqa: E402
from services.notifications.app.event_handlers import EVENT_HANDLERS  # noqa: E402
from services.notifications.app.ports import Channels, Links  # noqa: E402
from services.notifications.contract.events import PUBLISHED  # noqa: E402
from services.notifications.domain import webhook_signing  # noqa: E402
from services.notifications.entrypoints.consumed_events import CONSUMED  # noqa: E402
from tests.support.smtp import SmtpSink  # noqa: E402
from tests.support.webhook_receiver import WebhookReceiver  # noqa: E402

LINKS = Links("https://kyodo.example.jp", b"bench-key")


def seed(factory, count: int, url: str, secret: str) -> None:
    """Subscribers with a confirmed address and an endpoint each, in a few bulk inserts."""
    now = datetime.now(timezone.utc)
    people = [f"citizen:{uuid.uuid4()}" for _ in range(count)]
    with factory() as session:
        session.execute(insert(tables.subscription_topics), [
            {"recipient_id": p, "topic_kind": "region", "topic": "yu"} for p in people])
        session.execute(insert(tables.contact_addresses), [
            {"id": str(uuid.uuid4()), "recipient_id": p, "channel": "email",
             "address": f"p{n}@example.jp",
             "created_at": now, "confirmed_at": now} for n, p in enumerate(people)])
        endpoints = [{"id": str(uuid.uuid4()), "owner_id": p, "url": url, "event_types": [],
                      "description": "bench", "created_at": now, "status": "active"}
                     for p in people]
        session.execute(insert(tables.webhook_endpoints), endpoints)
        session.execute(insert(tables.webhook_secrets), [
            {"endpoint_id": e["id"], "secret": secret, "created_at": now} for e in endpoints])
        session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--database-url")
    parser.add_argument("--senders", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, SmtpSink() as sink, WebhookReceiver() as receiver:
        url = args.database_url or f"sqlite:///{Path(folder) / 'notifications.sqlite3'}"
        upgrade("notifications", url)
        engine = make_engine(url)
        factory = make_session_factory(engine)

        def uow():
            return SqlNotificationsUnitOfWork(factory, "notifications", PUBLISHED, tables.MESSAGING)

        secret = webhook_signing.new_secret()
        receiver.secrets.append(secret)
        seed(factory, args.recipients, receiver.url, secret)
        envelope = Envelope("matching.need_posted", 1, "matching", {
            "need_id": str(uuid.uuid4()), "organisation_id": str(uuid.uuid4()),
            "title": "防災訓練の受付", "kind": "volunteer_shift", "region": "yu",
            "fields": ["disaster_prevention"], "slots": 5}, "bench").as_dict()
        payload = CONSUMED.load_incoming(envelope)[1]

        started = time.perf_counter()
        apply_once(uow(), envelope, payload, EVENT_HANDLERS["matching.need_posted"])
        fan_out_seconds = time.perf_counter() - started

        channels = Channels(SmtpChannel(SmtpSettings(port=sink.port, timeout=10,
                                                     idle_connections=args.senders)),
                            HttpWebhookChannel(10, SocketHostResolver(), allow_private=True), LineMessagingChannel("", "http://127.0.0.1:9"))
        sent = {"email": 0, "webhook": 0}
        finished = {}
        started = time.perf_counter()

        channel_of = {}

        def transmit(job):
            channel_of[job.delivery.id] = job.delivery.channel
            return sending.transmit(channels, job)

        with ThreadPoolExecutor(args.senders) as pool:
            while True:
                claimed = sending.claim_due(uow(), 500)
                if not claimed:
                    break
                outcomes = list(pool.map(transmit, sending.prepare(uow(), LINKS, claimed)))
                for outcome, status in zip(outcomes, sending.record(uow(), outcomes)):
                    if status == "sent":
                        channel = channel_of[outcome.delivery_id]
                        sent[channel] += 1
                        if sent[channel] == args.recipients:
                            finished[channel] = time.perf_counter() - started
        send_seconds = time.perf_counter() - started
        receiver.wait_for(args.recipients, timeout=60)
        sink_count = len(sink.messages)
        engine.dispose()

    n = args.recipients
    print(f"notifications fan-out, {n:,} subscribers ({'PostgreSQL' if args.database_url else 'SQLite'}, "
          f"{args.senders} sender threads)")
    print(f"  event handler: {n:,} inbox rows + {2 * n:,} deliveries in {fan_out_seconds:.2f} s "
          f"= {n / fan_out_seconds:,.0f} inbox rows/s")
    print(f"  e-mails to the SMTP sink:   {sent['email']:,} sent, {sink_count:,} received; "
          f"{sent['email'] / finished.get('email', send_seconds):,.0f}/s")
    print(f"  webhooks to the receiver:   {sent['webhook']:,} sent, {len(receiver.accepted):,} "
          f"verified, {len(receiver.rejected)} rejected; "
          f"{sent['webhook'] / finished.get('webhook', send_seconds):,.0f}/s")
    print(f"  both channels together:     {(sent['email'] + sent['webhook']) / send_seconds:,.0f} "
          f"deliveries/s over {send_seconds:.1f} s")
    print(f"  peak memory (max RSS of this process, SMTP sink and receiver included): "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MiB")


if __name__ == "__main__":
    main()
