"""Service tier: a real Prometheus, configured with the project's deploy/prometheus files, scrapes
the project served by two uvicorn workers in multiprocess mode: the target is up, the scrape adds
up both workers, every alert rule evaluates, and so does every Grafana panel's query.
"""

from __future__ import annotations

import json
import signal
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.project import Project, free_port, http, start_logged, stop_process, tail
from tests.services import require_debian_program

pytestmark = [pytest.mark.service, pytest.mark.combos(when=lambda combo: combo.is_default)]

WAIT_SECONDS = 60.0
STOP_SECONDS = 20.0
WORKERS = 2
# The project's default DATABASE_POOL_SIZE.
POOL_SIZE = 10
# What Grafana puts in place of its own variables before it sends a panel's query.
GRAFANA_VARIABLES = {"$__rate_interval": "1m"}


def wait_for(what: str, check: Callable[[], bool], logs: list[Path]) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    shown = "\n".join(
        f"--- {log.name} ---\n{tail(log.read_text(errors='replace'))}" for log in logs
    )
    pytest.fail(f"no {what} within {WAIT_SECONDS:.0f} s\n{shown}", pytrace=False)


def answers(url: str) -> bool:
    try:
        return http("GET", url).status == 200
    except OSError:
        return False


def prometheus_config(project: Project, service_port: int, folder: Path) -> Path:
    """The project's prometheus.yml, scraping the test's server every second."""
    deploy = project.root / "deploy" / "prometheus"
    config = yaml.safe_load((deploy / "prometheus.yml").read_text(encoding="utf-8"))
    config["global"] |= {"scrape_interval": "1s", "evaluation_interval": "1s"}
    config["rule_files"] = [str(deploy / name) for name in config["rule_files"]]
    [job] = config["scrape_configs"]
    job["static_configs"] = [{"targets": [f"127.0.0.1:{service_port}"]}]
    path = folder / "prometheus.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def panel_queries(project: Project) -> list[str]:
    dashboard = project.root / "deploy" / "grafana" / "dashboards" / "service.json"
    panels = json.loads(dashboard.read_text(encoding="utf-8"))["panels"]
    queries = []
    for target in (target for panel in panels for target in panel["targets"]):
        query = target["expr"]
        for variable, value in GRAFANA_VARIABLES.items():
            query = query.replace(variable, value)
        queries.append(query)
    return queries


def test_prometheus_scrapes_every_worker_and_evaluates_the_alerts(
    project: Project, tmp_path: Path
) -> None:
    prometheus = require_debian_program("prometheus", "prometheus")
    service_port, prometheus_port = free_port(), free_port()
    metrics_dir = tmp_path / "multiprocess"
    metrics_dir.mkdir()
    uvicorn = [str(project.root / ".venv" / "bin" / "uvicorn"), f"{project.package}.main:app"]
    uvicorn += ["--host", "127.0.0.1", "--port", str(service_port), "--workers", str(WORKERS)]
    server_log, prometheus_log = tmp_path / "uvicorn.log", tmp_path / "prometheus.log"
    env = project.env(PROMETHEUS_MULTIPROC_DIR=str(metrics_dir))
    server = start_logged(uvicorn, project.root, env, server_log)
    monitor = start_logged(
        [
            prometheus,
            f"--config.file={prometheus_config(project, service_port, tmp_path)}",
            f"--storage.tsdb.path={tmp_path / 'data'}",
            f"--web.listen-address=127.0.0.1:{prometheus_port}",
        ],
        tmp_path,
        project.env(),
        prometheus_log,
    )
    logs = [server_log, prometheus_log]
    service, api = f"http://127.0.0.1:{service_port}", f"http://127.0.0.1:{prometheus_port}/api/v1"

    def value(expression: str) -> float | None:
        query = urllib.parse.urlencode({"query": expression})
        body = http("GET", f"{api}/query?{query}").json()
        assert isinstance(body, dict), body
        result = body["data"]["result"]
        return float(result[0]["value"][1]) if result else None

    def every_rule_evaluated() -> bool:
        body = http("GET", f"{api}/rules").json()
        assert isinstance(body, dict), body
        rules = [rule for group in body["data"]["groups"] for rule in group["rules"]]
        failing = [rule for rule in rules if rule["health"] == "err"]
        assert failing == [], failing
        return bool(rules) and all(rule["health"] == "ok" for rule in rules)

    try:
        wait_for("answer from the service", lambda: answers(f"{service}/health/live"), logs)
        for _ in range(20):
            assert http("GET", f"{service}/").status == 200
        wait_for("answer from Prometheus", lambda: answers(f"{api}/status/buildinfo"), logs)

        wait_for(
            "scrape of both workers' requests",
            lambda: value('sum(http_requests_total{route="/", status="200"})') == 20,
            logs,
        )
        assert value(f'up{{job="{project.root.name}"}}') == 1
        # Each worker's pool, added up: both workers write to the shared folder.
        wait_for(
            "pools of both workers", lambda: value("sum(db_pool_size)") == WORKERS * POOL_SIZE, logs
        )
        wait_for("evaluation of every alert rule", every_rule_evaluated, logs)
        for query in panel_queries(project):
            response = http("GET", f"{api}/query?{urllib.parse.urlencode({'query': query})}")
            assert response.status == 200, (query, response.body)
        # The live feed's metrics are there before any client connects.
        assert value("sum(live_connections)") == 0
    finally:
        stop_process(monitor, signal.SIGTERM, STOP_SECONDS)
        stop_process(server, signal.SIGINT, STOP_SECONDS)
