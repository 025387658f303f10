"""Run by test_queue_consumer_stop in a process of its own (eventlet patched first, as services
run): starts a service of two consumers whose broker never answers, as in the first moments of a
start when a SIGTERM arrives, stops it and prints whether it stopped."""
import eventlet

eventlet.monkey_patch()

import sys  # noqa: E402

from kombu import Queue  # noqa: E402
from nameko.containers import ServiceContainer  # noqa: E402
from nameko.messaging import Consumer  # noqa: E402

from services.common.nameko_queue_consumer import StartSafeQueueConsumer  # noqa: E402
from tests.support.rabbitmq import free_port  # noqa: E402


class _StartSafeConsumer(Consumer):
    queue_consumer = StartSafeQueueConsumer()


def _service(consumer_cls):
    class TwoConsumers:
        name = "two_consumers"

        @consumer_cls.decorator(queue=Queue("two_consumers.a"))
        def a(self, body):
            pass

        @consumer_cls.decorator(queue=Queue("two_consumers.b"))
        def b(self, body):
            pass
    return TwoConsumers


def stops_while_starting(consumer_cls) -> bool:
    # Nothing listens on the port: the consumers never become ready.
    container = ServiceContainer(_service(consumer_cls),
                                 {"AMQP_URI": f"amqp://guest:guest@127.0.0.1:{free_port()}//"})
    starting = eventlet.spawn(container.start)
    eventlet.sleep(0.5)
    try:
        with eventlet.Timeout(10):
            container.stop()
        return True
    except eventlet.Timeout:
        return False
    finally:
        starting.kill()


if __name__ == "__main__":
    consumer = Consumer if sys.argv[1:] == ["nameko"] else _StartSafeConsumer
    print("stopped" if stops_while_starting(consumer) else "still running", flush=True)
