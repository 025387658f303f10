"""/metrics on every process of the running platform, as Prometheus scrapes it: the text format,
and the figures of the work just done (a registration through the gateway, its event applied by
the three consumers)."""
import uuid

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from tests.support.platform import eventually

pytestmark = pytest.mark.broker

CONSUMERS = ("matching", "notifications", "reports")


def scrape(platform, component: str) -> dict[tuple[str, tuple], float]:
    """{(sample name, sorted labels): value} of one process's /metrics."""
    response = requests.get(f"http://127.0.0.1:{platform.ports.of(component)}/metrics", timeout=10)
    assert response.status_code == 200, (component, response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith("text/plain"), response.headers
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.text) for sample in family.samples}


def value(samples, name: str, **labels) -> float | None:
    return samples.get((name, tuple(sorted(labels.items()))))


def consumed(platform, service: str) -> float:
    return value(scrape(platform, service), "kyodo_events_consumed_total", service=service) or 0.0


def test_every_process_answers_its_metrics_with_the_work_it_did(platform):
    before = {service: consumed(platform, service) for service in CONSUMERS}
    registered = platform.call("POST", "/organisations", body={
        "name": f"計測の会{uuid.uuid4().hex[:6]}", "name_kana": "けいそくのかい",
        "kind": "citizen_group", "region": "yu", "fields": ["welfare"]})
    assert registered.status_code == 201, registered.text

    gateway = scrape(platform, "gateway")
    assert any(name == "kyodo_http_request_duration_seconds_count" and dict(labels).get("method") == "POST"
               and dict(labels).get("status") == "201" and count >= 1
               for (name, labels), count in gateway.items()), sorted(gateway)[:20]

    registry = scrape(platform, "registry")
    assert value(registry, "kyodo_rpc_duration_seconds_count", service="registry",
                 method="register_organisation", outcome="ok") >= 1
    assert value(registry, "kyodo_outbox_unsent", service="registry") is not None
    assert value(registry, "kyodo_dead_letters", service="registry") == 0

    for service in CONSUMERS:  # each applied the registration's event (and maybe others')
        eventually(lambda: consumed(platform, service) > before[service])
        samples = scrape(platform, service)
        assert value(samples, "kyodo_dead_letters", service=service) == 0
        assert value(samples, "kyodo_outbox_oldest_unsent_age_seconds", service=service) is not None
