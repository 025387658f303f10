"""The notifications service: subscriptions, the inbox, e-mail addresses, webhook endpoints,
and the sender that delivers outside the event handlers' transactions."""


from services.common.audit_operations import AuditOperations
from services.common.erasure_contract import ErasedSchema, ErasePersonRequest
from services.common.event_handling import apply_batch
from services.common.nameko_events import consume_event_batches
from services.common.nameko_operations import DeadLetterOperations, HealthEndpoints, MessagePruning
from services.common.nameko_persistence import Persistence
from services.common.nameko_queue_consumer import ServiceRpcProxy
from services.common.nameko_rpc import rpc
from services.common.pagination import decode_cursor
from services.common.schema_loading import load
from services.common.topology import Subscription
from services.notifications.adapters.host_resolver import SocketHostResolver
from services.notifications.adapters.tables import MESSAGING
from services.notifications.adapters.unit_of_work import SqlNotificationsUnitOfWork
from services.common.files import file_reply
from services.common.city_profile_file import region_names
from services.notifications.adapters import circular_documents
from services.notifications.app import (account_emails, announcements, circulars, contact_addresses, erasure, inbox,
                                        preference_settings, sending, subscriptions, webhooks)
from services.notifications.app.event_handlers import EVENT_HANDLERS, READ_MODEL_ONLY, SUBSCRIBABLE
from services.notifications.contract.events import PUBLISHED
from services.notifications.contract.requests import (AddAddressRequest, AnnouncementRequest,
                                                      ListAnnouncementsRequest, SendAccountEmailRequest,
                                                      CircularRequest, ConfirmAddressRequest,
                                                      CircularLinkRequest,
                                                      ListCircularsRequest, SendCircularRequest,
                                                      ListEndpointDeliveriesRequest,
                                                      ListSubscriptionsRequest,
                                                      PutSubscriptionOfRequest,
                                                      SubscriptionOfRequest,
                                                      MarkMessageReadRequest,
                                                      PublishAnnouncementRequest,
                                                      PutPreferencesRequest,
                                                      PutSubscriptionRequest, ReadInboxRequest,
                                                      RegisterWebhookEndpointRequest,
                                                      ReplayDeliveryRequest, UnsubscribeRequest,
                                                      WebhookEndpointRequest)
from services.notifications.contract.responses import (AccountEmailAcceptedSchema,
                                                       AnnouncementPageSchema,
                                                       AnnouncementSchema, CircularPageSchema,
                                                       CircularReadConfirmedSchema,
                                                       CircularReadsSchema, CircularSchema,
                                                       DeliveryPageSchema,
                                                       DeliverySchema, PublishedAnnouncementSchema,
                                                       ReadReceiptsSchema,
                                                       ContactAddressListSchema, ContactAddressSchema,
                                                       InboxMessageSchema, InboxPageSchema,
                                                       MarkedReadSchema, PreferencesSchema,
                                                       SubscriptionPageSchema, SubscriptionSchema,
                                                       UnsubscribedSchema,
                                                       WebhookEndpointListSchema,
                                                       WebhookEndpointSchema,
                                                       WebhookEndpointWithSecretSchema)
from services.notifications.entrypoints import atom_feed, commands, delivery_settings, views
from services.notifications.entrypoints.consumed_events import CONSUMED
from services.notifications.entrypoints.registry_names import RegistryRosterNames, names_timeout
from services.notifications.entrypoints.sender_worker import SenderWorker

# What a webhook endpoint may ask for: every event notifications turns into messages.
WEBHOOK_EVENT_TYPES = (frozenset(CONSUMED.types()) - READ_MODEL_ONLY) | {
    sending.DISABLED_EVENT, announcements.PUBLISHED, circulars.SENT}


class Service(HealthEndpoints, DeadLetterOperations, MessagePruning, AuditOperations):
    name = "notifications"
    subscription = Subscription(name, frozenset(CONSUMED.types()))

    uow = Persistence(SqlNotificationsUnitOfWork, PUBLISHED, MESSAGING)
    sender = SenderWorker(SqlNotificationsUnitOfWork, PUBLISHED, MESSAGING)
    registry = ServiceRpcProxy("registry")

    @consume_event_batches(CONSUMED)
    def handle_events(self, events):
        apply_batch(self.uow, events, EVENT_HANDLERS)

    @rpc
    def put_subscription(self, actor, request):
        choice = commands.subscription_choice(load(PutSubscriptionRequest(), request))
        return SubscriptionSchema().dump(subscriptions.subscribe(self.uow, actor, choice, SUBSCRIBABLE))

    @rpc
    def get_subscription(self, actor, request):
        return SubscriptionSchema().dump(subscriptions.get_subscription(self.uow, actor))

    @rpc
    def list_subscriptions(self, actor, request):
        wanted = load(ListSubscriptionsRequest(), request)
        page = subscriptions.list_subscriptions(self.uow, actor, decode_cursor(
            wanted.get("cursor"), "subscriptions"), wanted["limit"])
        return SubscriptionPageSchema().dump(page)

    @rpc
    def get_subscription_of(self, actor, request):
        recipient_id = commands.recipient_id(load(SubscriptionOfRequest(), request))
        return SubscriptionSchema().dump(subscriptions.subscription_of(self.uow, actor, recipient_id))

    @rpc
    def put_subscription_of(self, actor, request):
        wanted = load(PutSubscriptionOfRequest(), request)
        subscription = subscriptions.set_subscription_of(
            self.uow, actor, commands.recipient_id(wanted), commands.subscription_choice(wanted),
            SUBSCRIBABLE)
        return SubscriptionSchema().dump(subscription)

    @rpc
    def get_preferences(self, actor, request):
        return PreferencesSchema().dump(preference_settings.get_preferences(self.uow, actor))

    @rpc
    def put_preferences(self, actor, request):
        wanted = load(PutPreferencesRequest(), request)
        return PreferencesSchema().dump(preference_settings.put_preferences(self.uow, actor, wanted))

    @rpc
    def read_inbox(self, actor, request):
        query = commands.inbox_query(load(ReadInboxRequest(), request))
        return InboxPageSchema().dump(inbox.read_inbox(self.uow, actor, query))

    @rpc
    def mark_message_read(self, actor, request):
        wanted = load(MarkMessageReadRequest(), request)
        return InboxMessageSchema().dump(inbox.mark_read(self.uow, actor, wanted["message_id"]))

    @rpc
    def mark_all_read(self, actor, request):
        return MarkedReadSchema().dump({"marked": inbox.mark_all_read(self.uow, actor)})

    @rpc
    def send_account_email(self, actor, request):
        """The gateway's console asks for an account e-mail (a password reset link)."""
        wanted = load(SendAccountEmailRequest(), request)
        return AccountEmailAcceptedSchema().dump(
            {"delivery_id": account_emails.send_account_email(self.uow, actor, wanted)})

    @rpc
    def add_address(self, actor, request):
        wanted = load(AddAddressRequest(), request)
        added = contact_addresses.add_address(self.uow, actor, wanted["request_id"],
                                              wanted["channel"], wanted["address"])
        return ContactAddressSchema().dump(added)

    @rpc
    def list_addresses(self, actor, request):
        found = contact_addresses.list_addresses(self.uow, actor)
        return ContactAddressListSchema().dump({"items": found})

    @rpc
    def confirm_address(self, actor, request):
        wanted = load(ConfirmAddressRequest(), request)
        confirmed = contact_addresses.confirm_address(
            self.uow, actor, wanted["address_id"], wanted["code"], delivery_settings.links())
        return ContactAddressSchema().dump(confirmed)

    @rpc
    def unsubscribe(self, actor, request):
        wanted = load(UnsubscribeRequest(), request)
        contact_addresses.unsubscribe(self.uow, wanted["token"], delivery_settings.links())
        return UnsubscribedSchema().dump({"status": "unsubscribed"})

    @rpc
    def register_webhook_endpoint(self, actor, request):
        new = commands.new_endpoint(load(RegisterWebhookEndpointRequest(), request))
        result = webhooks.register_endpoint(self.uow, actor, new, WEBHOOK_EVENT_TYPES,
                                            delivery_settings.webhooks_allow_private(),
                                            SocketHostResolver())
        return WebhookEndpointWithSecretSchema().dump(views.endpoint_with_secret_view(result))

    @rpc
    def list_webhook_endpoints(self, actor, request):
        found = webhooks.list_endpoints(self.uow, actor)
        return WebhookEndpointListSchema().dump({"items": [views.endpoint_view(e) for e in found]})

    @rpc
    def get_webhook_endpoint(self, actor, request):
        wanted = load(WebhookEndpointRequest(), request)
        found = webhooks.get_endpoint(self.uow, actor, wanted["endpoint_id"])
        return WebhookEndpointSchema().dump(views.endpoint_view(found))

    @rpc
    def rotate_webhook_secret(self, actor, request):
        wanted = load(WebhookEndpointRequest(), request)
        result = webhooks.rotate_secret(self.uow, actor, wanted["endpoint_id"])
        return WebhookEndpointWithSecretSchema().dump(views.endpoint_with_secret_view(result))

    @rpc
    def enable_webhook_endpoint(self, actor, request):
        wanted = load(WebhookEndpointRequest(), request)
        enabled = webhooks.enable_endpoint(self.uow, actor, wanted["endpoint_id"])
        return WebhookEndpointSchema().dump(views.endpoint_view(enabled))

    @rpc
    def list_webhook_deliveries(self, actor, request):
        wanted = load(ListEndpointDeliveriesRequest(), request)
        page = webhooks.list_deliveries(self.uow, actor, wanted["endpoint_id"],
                                        decode_cursor(wanted.get("cursor")), wanted["limit"])
        return DeliveryPageSchema().dump(views.delivery_page_view(page))

    @rpc
    def replay_webhook_delivery(self, actor, request):
        wanted = load(ReplayDeliveryRequest(), request)
        delivery = webhooks.replay_delivery(self.uow, actor, wanted["delivery_id"])
        return DeliverySchema().dump(views.delivery_view(webhooks.DeliveryWithAttempts(delivery, [])))

    @rpc
    def publish_announcement(self, actor, request):
        announcement, reached = announcements.publish(
            self.uow, actor, commands.new_announcement(load(PublishAnnouncementRequest(), request)))
        return PublishedAnnouncementSchema().dump({**announcement.__dict__, "recipients": reached})

    @rpc
    def list_announcements(self, actor, request):
        wanted = load(ListAnnouncementsRequest(), request)
        page = announcements.list_announcements(self.uow, actor, decode_cursor(wanted.get("cursor")),
                                                wanted["limit"])
        return AnnouncementPageSchema().dump(page)

    @rpc
    def get_announcement(self, actor, request):
        wanted = load(AnnouncementRequest(), request)
        return AnnouncementSchema().dump(
            announcements.get_announcement(self.uow, actor, wanted["announcement_id"]))

    @rpc
    def announcement_reads(self, actor, request):
        wanted = load(AnnouncementRequest(), request)
        return ReadReceiptsSchema().dump(
            announcements.read_receipts(self.uow, actor, wanted["announcement_id"]))

    @rpc
    def public_feed(self, actor, request):
        feed = announcements.public_feed(self.uow)
        return file_reply(atom_feed.atom(feed, delivery_settings.links().public_url, region_names()),
                          "application/atom+xml; charset=utf-8")

    @rpc
    def send_circular(self, actor, request):
        new = commands.new_circular(load(SendCircularRequest(), request))
        return CircularSchema().dump(circulars.send(self.uow, actor, new, delivery_settings.links()))

    @rpc
    def list_circulars(self, actor, request):
        wanted = load(ListCircularsRequest(), request)
        page = circulars.list_circulars(self.uow, actor, wanted.get("organisation_id"),
                                        decode_cursor(wanted.get("cursor")), wanted["limit"])
        return CircularPageSchema().dump(page)

    @rpc
    def circular_reads(self, actor, request):
        wanted = load(CircularRequest(), request)
        return CircularReadsSchema().dump(circulars.reads(self.uow, actor, wanted["circular_id"],
                                                          self._names(actor)))

    @rpc
    def confirm_circular_read(self, actor, request):
        wanted = load(CircularLinkRequest(), request)
        receipt = circulars.read_by_link(self.uow, wanted["token"], delivery_settings.links())
        return CircularReadConfirmedSchema().dump(receipt)

    @rpc
    def circular_read_page(self, actor, request):
        wanted = load(CircularLinkRequest(), request)
        circular, receipt = circulars.opened_by_link(self.uow, wanted["token"],
                                                     delivery_settings.links())
        return file_reply(circular_documents.read_page_html(circular, receipt),
                          "text/html; charset=utf-8")

    @rpc
    def circular_visit_list_csv(self, actor, request):
        wanted = load(CircularRequest(), request)
        visit = circulars.visit_list(self.uow, actor, wanted["circular_id"], self._names(actor))
        return file_reply(circular_documents.visit_list_csv(visit), "text/csv; charset=utf-8",
                          f"visit-list-{wanted['circular_id']}.csv")

    @rpc
    def circular_visit_list_pdf(self, actor, request):
        wanted = load(CircularRequest(), request)
        visit = circulars.visit_list(self.uow, actor, wanted["circular_id"], self._names(actor))
        return file_reply(circular_documents.visit_list_pdf(visit), "application/pdf",
                          f"visit-list-{wanted['circular_id']}.pdf")

    @rpc
    def circular_pdf(self, actor, request):
        wanted = load(CircularRequest(), request)
        circular, association = circulars.printable(self.uow, actor, wanted["circular_id"],
                                                    self._names(actor))
        return file_reply(circular_documents.circular_pdf(circular, association), "application/pdf",
                          f"circular-{circular.id}.pdf")

    def _names(self, actor):
        return RegistryRosterNames(self.registry, actor, names_timeout())

    @rpc
    def erase_person(self, actor, request):
        query = load(ErasePersonRequest(), request)
        erased = erasure.erase_person(self.uow, actor, query["subject_id"])
        return ErasedSchema().dump({"erased": erased})
