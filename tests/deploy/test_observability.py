"""The Grafana dashboard and the Prometheus alert rules in deploy/observability/ name only
metrics the processes export, and are well-formed (offline: no Prometheus or Grafana here)."""
import json
import re
from pathlib import Path

import yaml
from prometheus_client import REGISTRY

import services.common.metrics  # noqa: F401  (registers the metrics)

OBSERVABILITY = Path(__file__).resolve().parents[2] / "deploy" / "observability"
_METRIC = re.compile(r"\b(kyodo_[a-z_]+)\b")
_SUFFIXES = ("_bucket", "_count", "_sum", "_total", "_created")


def exported() -> set[str]:
    names = set()
    for family in REGISTRY.collect():
        if family.name.startswith("kyodo_"):
            names.add(family.name)
            names.update(sample.name for sample in family.samples)
            names.update(family.name + suffix for suffix in _SUFFIXES)
    return names


def metrics_in(expression: str) -> set[str]:
    return set(_METRIC.findall(expression))


def balanced(expression: str) -> bool:
    depth = 0
    for char in expression:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and expression.count("[") == expression.count("]")


def rules() -> list[dict]:
    document = yaml.safe_load((OBSERVABILITY / "alert-rules.yml").read_text(encoding="utf-8"))
    return [rule for group in document["groups"] for rule in group["rules"]]


def test_the_alert_rules_cover_outbox_lag_and_dead_letters_with_known_metrics():
    all_rules = rules()
    names = {rule["alert"] for rule in all_rules}
    assert {"KyodoOutboxLagging", "KyodoDeadLetters"} <= names
    known = exported()
    for rule in all_rules:
        assert set(rule) >= {"alert", "expr", "for", "labels", "annotations"}, rule
        assert re.fullmatch(r"\d+[smh]", rule["for"])
        assert rule["labels"]["severity"] in ("page", "ticket")
        assert balanced(rule["expr"]), rule["expr"]
        used = metrics_in(rule["expr"])
        assert used and used <= known, (rule["alert"], used - known)
        assert rule["annotations"]["runbook"].startswith("docs/operations.md#")


def test_every_runbook_anchor_exists_in_the_operations_guide():
    guide = (OBSERVABILITY.parents[1] / "docs" / "operations.md").read_text(encoding="utf-8")
    anchors = {re.sub(r"[^a-z0-9 -]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
               for line in guide.splitlines() if line.startswith("#")}
    for rule in rules():
        assert rule["annotations"]["runbook"].split("#")[1] in anchors, rule["alert"]


def test_the_dashboard_plots_every_metric_family_with_known_names():
    dashboard = json.loads((OBSERVABILITY / "grafana-dashboard.json").read_text(encoding="utf-8"))
    assert dashboard["uid"] and dashboard["schemaVersion"] >= 30
    expressions = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    used = set().union(*map(metrics_in, expressions))
    assert used <= exported(), used - exported()
    families = {family.name for family in REGISTRY.collect() if family.name.startswith("kyodo_")}
    plotted = {name for name in families if any(u.startswith(name) for u in used)}
    assert plotted == families, families - plotted
    assert all(balanced(expression) for expression in expressions)
    ids = [panel["id"] for panel in dashboard["panels"]]
    assert len(ids) == len(set(ids))
