"""The gateway reads its RPC replies with the read-ahead transport (services/common/
amqp_read_ahead): py-amqp alone takes a reply's three frames in nine recv calls, each a system
call and a trip through eventlet's green socket."""
from services.common.amqp_read_ahead import ReadAheadTransport
from services.common.nameko_queue_consumer import StartSafeQueueConsumer, _ReplyListener


class _ReplyConsumer(StartSafeQueueConsumer):
    @property
    def connection(self):
        connection = super().connection
        connection.transport_cls = ReadAheadTransport  # kept by the clones it reconnects with
        return connection


class ReadAheadReplyListener(_ReplyListener):
    queue_consumer = _ReplyConsumer()
