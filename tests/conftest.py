"""Shared machinery of the template's tests: the combination matrix, one bake and one `uv sync` per
combination and worker, service checks, and the end-of-session summary.

Tests that take the `combo` fixture are parametrized over the combinations derived from
cookiecutter.json (tests/matrix.py), narrowed by `@pytest.mark.combos(when=predicate)` and by
`--combo ID`. Each combination is an xdist group, so with `--dist loadgroup` all its tiers run on
one worker and share one bake and one installed environment.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests.matrix import Combo, select, template_combinations
from tests.project import Project
from tests.services import SERVICES, broker_of, cleanup_commands, require_service
from tests.workspace import Workspace

TIERS = ("static", "run", "service")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--combo",
        action="append",
        default=[],
        metavar="ID",
        help="only this combination (an id as shown in test names); repeatable",
    )


def template_dir(config: pytest.Config) -> Path:
    """The template under test: pytest-cookies' --template, by default the repository root."""
    path = Path(config.option.template)
    if not (path / "cookiecutter.json").exists():
        path = config.rootpath
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.option.template = str(template_dir(config))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "combo" not in metafunc.fixturenames:
        return
    config = metafunc.config
    combos = select(template_combinations(template_dir(config)), config.option.combo)
    if any(metafunc.definition.get_closest_marker(tier) for tier in ("run", "service")):
        # Combinations that differ only in STATIC_ONLY options run these tiers once.
        combos = list(dict.fromkeys(combo.runs_as for combo in combos))
    for marker in metafunc.definition.iter_markers("combos"):
        combos = [combo for combo in combos if marker.kwargs["when"](combo)]
    metafunc.parametrize(
        "combo",
        [pytest.param(c, id=c.id, marks=pytest.mark.xdist_group(c.id)) for c in combos],
    )


def tier_of(item: pytest.Item) -> str | None:
    return next((tier for tier in TIERS if item.get_closest_marker(tier)), None)


def combo_of(item: pytest.Item) -> object:
    """The item's `combo` parameter (NOTSET for an empty parameter set), or None."""
    callspec = getattr(item, "callspec", None)
    return callspec.params.get("combo") if callspec else None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A combination test whose predicate or --combo left no combination is deselected, not skipped.
    empty = [
        item
        for item in items
        if "combo" in getattr(item, "fixturenames", ()) and not isinstance(combo_of(item), Combo)
    ]
    if empty:
        config.hook.pytest_deselected(items=empty)
        items[:] = [item for item in items if item not in empty]
    # Fast feedback first: unit and hook tests, then the static, run and service tiers.
    rank: dict[str | None, int] = {tier: number for number, tier in enumerate(TIERS, start=1)}
    rank[None] = 0
    items.sort(key=lambda item: rank[tier_of(item)])


@pytest.fixture(scope="session")
def template(pytestconfig: pytest.Config) -> Path:
    return template_dir(pytestconfig)


@pytest.fixture(autouse=True)
def _record_combination(request: pytest.FixtureRequest) -> None:
    """Tag each combination test's report with its combination and tier, for the summary."""
    combo = combo_of(request.node)
    if isinstance(combo, Combo):
        request.node.user_properties.append(("combo", combo.id))
        request.node.user_properties.append(("tier", tier_of(request.node)))


@pytest.fixture(scope="session")
def workspace(
    cookies_session: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    with ExitStack() as cleanups:
        yield Workspace(cookies_session, tmp_path_factory, cleanups)


@pytest.fixture
def baked(workspace: Workspace, combo: Combo) -> Project:
    """The combination's project as baked (shared by every test of the combination)."""
    return workspace.baked(combo)


@pytest.fixture
def project(workspace: Workspace, combo: Combo) -> Project:
    """The combination's project with its environment installed (shared by the run and service
    tiers)."""
    return workspace.synced(combo)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    combos_ran: dict[str, set[str]] = {tier: set() for tier in TIERS}
    missing: dict[str, int] = defaultdict(int)
    for reports in terminalreporter.stats.values():
        for report in reports:
            if not isinstance(report, pytest.TestReport):
                continue
            properties = dict(report.user_properties)
            tier = properties.get("tier")
            if report.when == "call" and isinstance(tier, str):
                combos_ran[tier].add(str(properties["combo"]))
            service = properties.get("missing_service")
            if report.when == "setup" and isinstance(service, str):
                missing[service] += 1
    combos = select(
        template_combinations(template_dir(terminalreporter.config)),
        terminalreporter.config.option.combo,
    )
    counts = []
    for tier, ids in combos_ran.items():
        counts.append(f"{tier} {len(ids)}")
        standing_for = sum(combo.runs_as.id in ids for combo in combos)
        if tier != "static" and standing_for > len(ids):
            counts[-1] += f" (for {standing_for})"
    terminalreporter.write_sep("-", f"combinations that ran per tier: {', '.join(counts)}")
    for name, tests in sorted(missing.items()):
        unreachable = SERVICES[name]
        terminalreporter.write_sep(
            "!",
            f"SERVICE UNREACHABLE: {name} at {unreachable.url} ({unreachable.env_var}): "
            f"{tests} tests did not run; REQUIRE_SERVICES=1 makes this a failure",
            red=True,
            bold=True,
        )


@pytest.fixture
def broker_settings(
    request: pytest.FixtureRequest, combo: Combo, project: Project
) -> Iterator[dict[str, str]]:
    """With Celery: the machine's broker, under a queue of this test's own (deleted afterwards)."""
    broker = broker_of(combo)
    if broker is None:
        yield {}
        return
    url = require_service(request, broker)
    queue = f"template-test-{uuid.uuid4().hex[:16]}"
    yield {"CELERY_BROKER_URL": url, "CELERY_QUEUE": queue}
    for command in cleanup_commands(url, queue):
        project.uv_run(*command)
