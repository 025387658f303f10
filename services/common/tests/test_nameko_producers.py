"""nameko's publishers find one producer pool per setting, built once, and still publish."""
from kombu import Connection, Exchange, Queue
from kombu.pools import producers
from nameko.amqp import publish
from nameko.amqp.publish import Publisher
from nameko.constants import DEFAULT_TRANSPORT_OPTIONS

from services.common.nameko_producers import producer_pool


def test_a_setting_finds_the_pool_nameko_would_and_each_setting_its_own(vhost_uri):
    with_confirms = producer_pool(vhost_uri, True)
    assert producer_pool(vhost_uri, True) is with_confirms
    assert producer_pool(vhost_uri, False) is not with_confirms
    # The pool nameko's own lookup (a new Connection as the key) finds.
    as_nameko = producers[Connection(vhost_uri, transport_options={
        **DEFAULT_TRANSPORT_OPTIONS, "confirm_publish": True})]
    assert as_nameko is with_confirms


def test_nameko_publishes_through_it_and_the_message_arrives(vhost_uri):
    assert publish.get_producer.__module__ == "services.common.nameko_producers"
    exchange = Exchange("probe", type="direct", durable=False)
    queue = Queue("probe", exchange, routing_key="probe", durable=False)
    with Connection(vhost_uri) as connection:
        queue.bind(connection.default_channel).declare()
        Publisher(vhost_uri).publish({"hello": "世界"}, exchange=exchange, routing_key="probe")
        message = queue.bind(connection.default_channel).get(no_ack=True)
    assert message is not None and message.payload == {"hello": "世界"}
