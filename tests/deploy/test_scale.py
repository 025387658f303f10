"""`./kyodo up --scale`: copies of a service as competing consumers, never on SQLite."""
import pytest

from deploy import cli, platform


@pytest.fixture
def sqlite_everywhere(monkeypatch, tmp_path):
    monkeypatch.setenv("KYODO_DATA_DIR", str(tmp_path))
    for name in platform.SERVICE_NAMES:
        monkeypatch.delenv(f"KYODO_{name.upper()}_DATABASE_URL", raising=False)


def test_more_than_one_copy_on_sqlite_is_refused_with_the_way_out(sqlite_everywhere):
    with pytest.raises(platform.ScaleRefused) as refused:
        platform.parse_scale("matching=3")
    message = str(refused.value)
    assert "SQLite" in message and "KYODO_MATCHING_DATABASE_URL=postgresql" in message
    assert "1 台のみ" in message


def test_the_cli_refuses_before_starting_anything(sqlite_everywhere, capsys):
    assert cli.main(["up", "--scale", "matching=2"]) == 2
    assert "SQLite" in capsys.readouterr().err


def test_copies_on_postgresql_get_their_own_health_ports_and_share_the_service_name(
        sqlite_everywhere, monkeypatch):
    monkeypatch.setenv("KYODO_MATCHING_DATABASE_URL", "postgresql+psycopg2://u@db/kyodo_matching")
    monkeypatch.setenv("KYODO_NOTIFICATIONS_DATABASE_URL", "postgresql+psycopg2://u@db/kyodo_notifications")
    scale = platform.parse_scale("matching=3,notifications=2")
    assert scale == {"matching": 3, "notifications": 2}
    specs = platform.process_specs(platform.Ports(9000), scale=scale)
    names = [spec.name for spec in specs]
    assert names.count("gateway") == 1 and "registry" in names and "reports" in names
    assert [n for n in names if n.startswith("matching")] == ["matching", "matching-2", "matching-3"]
    assert [n for n in names if n.startswith("notifications")] == ["notifications", "notifications-2"]
    matching = [s for s in specs if s.name.startswith("matching")]
    # the same service (so the same queues), each on its own health port
    assert all(s.argv[-1] == "matching" for s in matching)
    addresses = [s.env["KYODO_HTTP_ADDRESS"] for s in specs]
    assert len(set(addresses)) == len(addresses)
    assert matching[2].env["KYODO_HTTP_ADDRESS"] == "127.0.0.1:9122"


@pytest.mark.parametrize("text, reason", [
    ("billing=2", "unknown service"), ("gateway=2", "load balancer"),
    ("registry=0", "1–9"), ("registry=ten", "1–9"), ("registry=10", "1–9")])
def test_nonsense_is_refused(sqlite_everywhere, text, reason):
    with pytest.raises(platform.ScaleRefused, match=reason):
        platform.parse_scale(text)


def test_one_copy_each_is_the_default(sqlite_everywhere):
    assert platform.parse_scale(None) == {}
    assert [spec.name for spec in platform.process_specs(platform.Ports())] == list(platform.COMPONENTS)


def test_compose_runs_copies_of_every_service_but_the_published_gateway():
    from pathlib import Path

    import yaml
    compose = yaml.safe_load((Path(__file__).resolve().parents[2] / "docker-compose.yml").read_text(encoding="utf-8"))
    for name in platform.SERVICE_NAMES:
        assert compose["services"][name]["deploy"]["replicas"] == f"${{KYODO_{name.upper()}_REPLICAS:-1}}"
    # the gateway publishes port 8000: copies would collide; a balancer in front is the way
    assert "deploy" not in compose["services"]["gateway"]
