"""The Grafana dashboard (deploy/grafana/prodouane.json) reads only metrics the portal exposes."""

import json
import re
from pathlib import Path

from prodouane import metrics

DASHBOARD = Path(__file__).resolve().parents[2] / "deploy" / "grafana" / "prodouane.json"

# PromQL words that are not metric names.
PROMQL = {
    "sum", "max", "min", "avg", "by", "without", "rate", "irate", "increase", "histogram_quantile", "le",
    "view", "status", "kind", "nature", "outbox", "queue", "method",
}  # fmt: skip
GAUGES = {"outbox_pending", "outbox_oldest_pending_age_seconds", "celery_queue_depth"}


def exposed_names() -> set[str]:
    names = set(GAUGES)
    for family in metrics.REGISTRY.collect():
        names.update({family.name, f"{family.name}_total", f"{family.name}_bucket"})
        names.update({f"{family.name}_count", f"{family.name}_sum"})
    return names


def expressions() -> list[tuple[str, str]]:
    dashboard = json.loads(DASHBOARD.read_text(encoding="utf-8"))
    return [(panel["title"], target["expr"]) for panel in dashboard["panels"] for target in panel["targets"]]


def test_every_panel_queries_a_metric_the_portal_exposes():
    names = exposed_names()
    assert expressions()
    for title, expr in expressions():
        without_strings = re.sub(r'"[^"]*"|\[[^\]]*\]', "", expr)
        words = set(re.findall(r"[a-zA-Z_:][a-zA-Z0-9_:]*", without_strings)) - PROMQL
        assert words, title
        assert words <= names, (title, words - names)


def test_the_dashboard_has_the_panels_operations_watch():
    queried = " ".join(expr for _, expr in expressions())
    for needed in (
        "rate(http_requests_total[5m])",
        "histogram_quantile(0.5,",
        "histogram_quantile(0.95,",
        "histogram_quantile(0.99,",
        'status=~"5.."',
        "gamma_validations_total",
        "gps_numbers_total",
        "outbox_pending",
        "outbox_oldest_pending_age_seconds",
        "celery_queue_depth",
    ):
        assert needed in queried, needed
    ids = [panel["id"] for panel in json.loads(DASHBOARD.read_text(encoding="utf-8"))["panels"]]
    assert len(ids) == len(set(ids))
