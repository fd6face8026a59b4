"""Static tier: every combination bakes into exactly the expected files, and those files are clean
as generated (no template residue, no stray whitespace, ruff clean, parseable, valid Docker files).
"""

from __future__ import annotations

import functools
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import arrow
import jinja2
import pytest
import yaml
from cookiecutter.extensions import TimeExtension

from tests.expected_files import expected_paths
from tests.matrix import STATIC_ONLY, Combo
from tests.project import Project, run_ok, tool
from tests.services import require_debian_program
from tests.workspace import Workspace

pytestmark = pytest.mark.static

JINJA_RESIDUE = re.compile(r"\{\{|\{%|\{#|cookiecutter\.")


def text_files(root: Path) -> dict[Path, str]:
    """Every generated file that is text, by path relative to the root."""
    files = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        files[path.relative_to(root)] = data.decode("utf-8")
    return files


def test_bake_succeeds(workspace: Workspace, combo: Combo) -> None:
    result = workspace.bake_result(combo)
    assert result.exception is None, f"bake failed: {result.exception!r}"
    assert result.exit_code == 0
    assert result.project_path.name == result.context["project_slug"]


def test_expected_files(baked: Project, combo: Combo) -> None:
    present, absent = expected_paths(combo, baked.package)
    existing = {path.relative_to(baked.root).as_posix() for path in baked.root.rglob("*")}
    assert sorted(present - existing) == [], "missing"
    assert sorted(absent & existing) == [], "present although the option is off"


def test_no_template_residue(baked: Project) -> None:
    hits = [
        f"{path}:{number}: {line.strip()}"
        for path, text in text_files(baked.root).items()
        for number, line in enumerate(text.splitlines(), start=1)
        if JINJA_RESIDUE.search(line)
    ]
    hits += [str(path) for path in baked.root.rglob("*") if JINJA_RESIDUE.search(path.name)]
    assert hits == []


def test_no_stray_whitespace(baked: Project) -> None:
    problems = []
    for path, text in text_files(baked.root).items():
        lines = text.splitlines()
        problems += [
            f"{path}:{number}: trailing whitespace"
            for number, line in enumerate(lines, start=1)
            if line != line.rstrip()
        ]
        if path.suffix == ".py":
            problems += [
                f"{path}:{number}: 3 or more consecutive blank lines"
                for number in range(1, len(lines) - 1)
                if not any(line.strip() for line in lines[number - 1 : number + 2])
            ]
    assert problems == []


def file_contents(root: Path) -> dict[Path, bytes]:
    return {path.relative_to(root): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.mark.combos(when=lambda combo: combo.is_default or combo.is_all_on)
def test_a_bake_a_year_later_is_the_same_but_for_env(
    baked: Project, combo: Combo, cookies: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `cruft update` diffs two renders of the template and applies that to the project: a file
    # holding the day of the bake or a random value would conflict at every update. Only .env
    # may differ (fresh secrets, the dates of the bake); the clock of `{% now %}` runs 400 days
    # ahead for the second bake.
    clock = jinja2.Environment(extensions=[TimeExtension]).from_string("{% now 'utc' %}")
    today, real_now = clock.render(), arrow.now
    monkeypatch.setattr(arrow, "now", lambda *args: real_now(*args).shift(days=400))
    assert clock.render() != today, "the clock of the second bake did not move"

    again = cookies.bake(extra_context=combo.extra_context)

    assert again.exception is None, f"bake failed: {again.exception!r}"
    first, second = file_contents(baked.root), file_contents(again.project_path)
    assert sorted(first) == sorted(second)
    differing = [str(path) for path in sorted(first) if first[path] != second[path]]
    assert differing == [".env"]


def test_ruff_check_clean(baked: Project) -> None:
    run_ok([tool("ruff"), "check", "--no-cache", "."], baked.root)


def test_ruff_format_clean(baked: Project) -> None:
    run_ok([tool("ruff"), "format", "--check", "--no-cache", "."], baked.root)


@functools.cache
def compile_error(path: Path, text: str) -> str | None:
    """Most files are the same in many combinations: each distinct one is compiled once."""
    try:
        compile(text, str(path), "exec")
    except SyntaxError as error:
        return f"{path}:{error.lineno}: {error.msg}"
    return None


def test_python_compiles(baked: Project) -> None:
    errors = [
        compile_error(path, text)
        for path, text in text_files(baked.root).items()
        if path.suffix == ".py"
    ]
    assert [error for error in errors if error] == []


def test_toml_yaml_and_json_parse(baked: Project) -> None:
    errors = []
    for path, text in text_files(baked.root).items():
        try:
            if path.suffix == ".toml":
                tomllib.loads(text)
            elif path.suffix in {".yaml", ".yml"}:
                yaml.safe_load(text)
            elif path.suffix == ".json":
                json.loads(text)
        except (tomllib.TOMLDecodeError, yaml.YAMLError, json.JSONDecodeError) as error:
            errors.append(f"{path}: {error}")
    assert errors == []


# The container files have few distinct renderings among the combinations: each is validated once
# (Workspace.check_once), and every combination that has it gets that outcome.


@pytest.mark.combos(when=lambda combo: combo.get("use_docker") is True)
def test_dockerfile_passes_hadolint(workspace: Workspace, baked: Project, combo: Combo) -> None:
    dockerfile = baked.root / "Dockerfile"
    assert dockerfile.is_file()
    # hadolint also reads a .hadolint.yaml beside it, should the template ever ship one.
    config = baked.root / ".hadolint.yaml"
    content = dockerfile.read_bytes() + (config.read_bytes() if config.exists() else b"")
    workspace.check_once(
        "hadolint", content, combo, lambda: run_ok([tool("hadolint"), "Dockerfile"], baked.root)
    )


@pytest.mark.combos(when=lambda combo: combo.get("use_docker") is True)
def test_compose_file_is_valid(workspace: Workspace, baked: Project, combo: Combo) -> None:
    compose = baked.root / "compose.yaml"
    assert compose.is_file()
    command = [tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec", "compose.yaml"]
    workspace.check_once(
        "compose-schema", compose.read_bytes(), combo, lambda: run_ok(command, baked.root)
    )


def test_prometheus_config_and_rules_pass_promtool(
    workspace: Workspace, baked: Project, combo: Combo
) -> None:
    folder = baked.root / "deploy" / "prometheus"
    config, rules = folder / "prometheus.yml", folder / "alerts.yml"
    program = require_debian_program("promtool", "prometheus")

    def check() -> None:
        # `check config` loads the rule files too; `check rules` says which rule is wrong.
        run_ok([program, "check", "config", str(config)], baked.root)
        run_ok([program, "check", "rules", str(rules)], baked.root)

    content = config.read_bytes() + b"\0" + rules.read_bytes()
    workspace.check_once("promtool", content, combo, check)


# A metric in a PromQL selector: `name{`.
PROMQL_METRIC = re.compile(r"\b([a-z_]+)\{")
# Series that Prometheus makes itself, and the suffixes it adds to a histogram's name.
PROMETHEUS_OWN = {"up"}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")


def test_alerts_and_dashboard_use_the_metrics_the_service_exposes(baked: Project) -> None:
    deploy = baked.root / "deploy"
    sources = "".join(
        path.read_text(encoding="utf-8")
        for path in (baked.root / "src" / baked.package / "metrics").glob("*.py")
    )
    dashboard = json.loads((deploy / "grafana/dashboards/service.json").read_text("utf-8"))
    expressions = [target["expr"] for panel in dashboard["panels"] for target in panel["targets"]]
    rules = yaml.safe_load((deploy / "prometheus/alerts.yml").read_text("utf-8"))
    expressions += [rule["expr"] for group in rules["groups"] for rule in group["rules"]]
    used = {name for expr in expressions for name in PROMQL_METRIC.findall(expr)}
    unknown = [
        name
        for name in sorted(used - PROMETHEUS_OWN)
        if f'"{name}"' not in sources
        and not any(f'"{name.removesuffix(suffix)}"' in sources for suffix in HISTOGRAM_SUFFIXES)
    ]
    assert unknown == []


def test_grafana_dashboard_uses_the_provisioned_data_source(baked: Project) -> None:
    grafana = baked.root / "deploy" / "grafana"
    provisioned = yaml.safe_load(
        (grafana / "provisioning/datasources/prometheus.yml").read_text("utf-8")
    )
    dashboard = json.loads((grafana / "dashboards/service.json").read_text("utf-8"))
    panels = dashboard["panels"]
    used = {panel["datasource"]["uid"] for panel in panels} | {
        target["datasource"]["uid"] for panel in panels for target in panel["targets"]
    }
    assert used == {source["uid"] for source in provisioned["datasources"]}
    ids = [panel["id"] for panel in panels]
    assert len(ids) == len(set(ids)), "panel ids are unique"


def test_pre_commit_config_is_valid(workspace: Workspace, baked: Project, combo: Combo) -> None:
    config = baked.root / ".pre-commit-config.yaml"
    command = [tool("pre-commit"), "validate-config", config.name]
    workspace.check_once(
        "pre-commit-config", config.read_bytes(), combo, lambda: run_ok(command, baked.root)
    )


def without_project_keys(pyproject: str, keys: set[str]) -> str:
    """pyproject.toml without the one-line `key = ...` entries of these [project] keys (checked
    to be one-line entries of [project], so that nothing else can hide in what is dropped)."""
    kept, table = [], ""
    for line in pyproject.splitlines():
        if line.startswith("["):
            table = line
        key = line.partition(" = ")[0]
        if key in keys:
            assert table == "[project]", f"{key} outside [project]: {line}"
            assert tomllib.loads(line), f"{key} is not a one-line TOML entry: {line}"
            continue
        kept.append(line)
    return "\n".join(kept)


def settings_in(env_example: str, ignored: set[str]) -> dict[str, str]:
    """The NAME=value settings of an .env.example, minus the ignored names."""
    lines = [line for line in env_example.splitlines() if "=" in line and not line.startswith("#")]
    settings = dict(line.split("=", 1) for line in lines)
    return {name: value for name, value in settings.items() if name not in ignored}


@pytest.mark.combos(when=lambda combo: combo.runs_as != combo)
def test_differs_from_the_combination_that_runs_for_it_only_where_allowed(
    workspace: Workspace, baked: Project, combo: Combo
) -> None:
    # The run and service tiers of `combo` run on `runs_as` (see STATIC_ONLY): that is only
    # sound if nothing they execute or read differs.
    twin = workspace.baked(combo.runs_as)
    changed = [name for name, value in combo.options if combo.runs_as[name] != value]
    allowed_paths = {path for name in changed for path in STATIC_ONLY[name].paths}
    allowed_settings = {setting for name in changed for setting in STATIC_ONLY[name].settings}
    allowed_keys = {key for name in changed for key in STATIC_ONLY[name].project_keys}
    ours, theirs = text_files(baked.root), text_files(twin.root)
    differing = []
    for path in sorted(ours.keys() | theirs.keys()):
        if path.as_posix() in allowed_paths or path.name == ".env":
            continue  # .env: fresh secrets at every bake, made from .env.example
        if path.name == ".env.example":
            same = settings_in(ours[path], allowed_settings) == settings_in(
                theirs[path], allowed_settings
            )
        elif path.as_posix() == "pyproject.toml":
            same = without_project_keys(ours[path], allowed_keys) == without_project_keys(
                theirs[path], allowed_keys
            )
        else:
            same = ours.get(path) == theirs.get(path)
        if not same:
            differing.append(path.as_posix())
    allowed = sorted(allowed_paths | {f"pyproject.toml: {key}" for key in allowed_keys})
    assert differing == [], f"differs from {combo.runs_as.id} beyond {allowed}"
