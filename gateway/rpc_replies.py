"""The gateway reads its RPC replies with the read-ahead transport (services/common/
amqp_read_ahead): py-amqp alone takes a reply's three frames in nine recv calls, each a system
call and a trip through eventlet's green socket."""
from services.common.nameko_queue_consumer import ReadAheadQueueConsumer, _ReplyListener


class ReadAheadReplyListener(_ReplyListener):
    queue_consumer = ReadAheadQueueConsumer()
