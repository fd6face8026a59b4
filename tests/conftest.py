"""Shared machinery of the template's tests: the combination matrix, one bake and one `uv sync` per
combination and worker, service checks, and the end-of-session summary.

Tests that take the `combo` fixture are parametrized over the combinations derived from
cookiecutter.json (tests/matrix.py), narrowed by `@pytest.mark.combos(when=predicate)` and by
`--combo SPEC`. Tests marked `whole_suite` (a combination's whole generated test suite) run on
every combination with `--suites=all`, on a covering array of them with `--suites=covering`
(tests/covering.py). With xdist, every test of a combination and of its STATIC_ONLY twins runs
on one worker (CombinationScheduling), sharing one bake and one installed environment.
"""

from __future__ import annotations

import os
import statistics
import uuid
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# xdist ships no type information; its scheduler is subclassed below.
from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

from tests.covering import runtime_coverage, whole_suite_combinations
from tests.matrix import (
    Combo,
    UnknownCombination,
    axes_of,
    load_context,
    runtime_combinations,
    select,
    template_combinations,
)
from tests.project import Project, free_port
from tests.services import (
    SERVICES,
    RedisServer,
    broker_of,
    cleanup_commands,
    require_program,
    require_service,
)
from tests.workspace import Workspace, compiled_templates_shared

TIERS = ("static", "run", "service")
SUITES = ("all", "covering")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--combo",
        action="append",
        default=[],
        metavar="SPEC",
        help="only this combination: an id as `make combos` shows it, or the options that differ "
        "from the defaults, e.g. 'orm_mode=sync database=postgresql'; repeatable",
    )
    parser.addoption(
        "--suites",
        default=os.environ.get("SUITES", "all"),
        metavar="all|covering",
        help="which combinations run their whole generated test suite: every one, or a covering "
        "array of strength 3 (default: $SUITES, else all)",
    )


@dataclass(frozen=True)
class Selection:
    """What this session runs: the combinations --combo names (all by default), and of those the
    ones that run their whole generated suites."""

    combos: list[Combo]
    whole_suites: list[Combo]
    total_runtime: int  # how many combinations the run and service tiers would run with `all`


SELECTION = pytest.StashKey[Selection]()


def template_dir(config: pytest.Config) -> Path:
    """The template under test: pytest-cookies' --template, by default the repository root."""
    path = Path(config.option.template)
    if not (path / "cookiecutter.json").exists():
        path = config.rootpath
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.option.template = str(template_dir(config))
    config.addinivalue_line(
        "markers", "whole_suite: runs a combination's whole generated test suite (see --suites)"
    )
    if config.option.suites not in SUITES:
        raise pytest.UsageError(
            f"--suites (or SUITES) is {config.option.suites!r}: all or covering"
        )
    everything = template_combinations(template_dir(config))
    axes = axes_of(load_context(template_dir(config)))
    try:
        combos = select(everything, config.option.combo, axes)
    except UnknownCombination as error:
        raise pytest.UsageError(str(error)) from None
    runtime = runtime_combinations(combos)
    if config.option.suites == "covering":
        covering = set(whole_suite_combinations(everything))
        runtime = [combo for combo in runtime if combo in covering]
    config.stash[SELECTION] = Selection(combos, runtime, len(runtime_combinations(combos)))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "combo" not in metafunc.fixturenames:
        return
    selection = metafunc.config.stash[SELECTION]
    combos = selection.combos
    if any(metafunc.definition.get_closest_marker(tier) for tier in ("run", "service")):
        # Combinations that differ only in STATIC_ONLY options run these tiers once.
        combos = runtime_combinations(combos)
    if metafunc.definition.get_closest_marker("whole_suite"):
        combos = [combo for combo in combos if combo in selection.whole_suites]
    for marker in metafunc.definition.iter_markers("combos"):
        combos = [combo for combo in combos if marker.kwargs["when"](combo)]
    metafunc.parametrize("combo", [pytest.param(c, id=c.id) for c in combos])


class CombinationScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """xdist's --dist loadscope/loadgroup, with one scope per combination and its STATIC_ONLY
    twins: all their tests run on one worker, which bakes each of them and installs the one that
    runs once. (xdist 3.8's own `xdist_group` marks do nothing on pytest 9.2, which no longer
    reads the node id that xdist rewrites: tests were spread one by one, and every combination
    was baked, and installed, on every worker.)"""

    def __init__(self, config: pytest.Config, log: Any = None) -> None:
        super().__init__(config, log)
        combos = template_combinations(template_dir(config))
        self.scope_of = {combo.id: combo.runs_as.id for combo in combos}

    def _split_scope(self, nodeid: str) -> str:
        return scope_of_test(nodeid, self.scope_of)


def scope_of_test(nodeid: str, scope_of_combination: Mapping[str, str]) -> str:
    """The xdist scope of a test: a combination test's parameter id is its combination's id."""
    if not nodeid.endswith("]"):
        return nodeid
    path, _, parameter = nodeid.removesuffix("]").partition("[")
    if parameter in scope_of_combination:
        return scope_of_combination[parameter]
    # Other parametrized tests go with those of their module under the same parameter id: the
    # cases of a module-scoped parametrized fixture (test_hooks.py's awkward answers) are then
    # set up once each.
    return f"{path.partition('::')[0]}[{parameter}]"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getvalue("dist") in {"loadscope", "loadgroup"}:
        return CombinationScheduling(config, log)
    return None


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
        if request.node.get_closest_marker("whole_suite"):
            request.node.user_properties.append(("whole_suite", True))


@pytest.fixture(scope="session")
def workspace(
    cookies_session: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workspace]:
    with ExitStack() as cleanups:
        cleanups.enter_context(compiled_templates_shared())
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
    seconds: dict[tuple[str, str], float] = defaultdict(float)
    whole_suites_collected = False
    whole_suites_ran: set[str] = set()
    missing: dict[str, int] = defaultdict(int)
    for reports in terminalreporter.stats.values():
        for report in reports:
            if not isinstance(report, pytest.TestReport):
                continue
            properties = dict(report.user_properties)
            tier = properties.get("tier")
            if isinstance(tier, str):
                seconds[(str(properties["combo"]), tier)] += report.duration
                if report.when == "call":
                    combos_ran[tier].add(str(properties["combo"]))
            if properties.get("whole_suite"):
                whole_suites_collected = True
                if report.when == "call":
                    whole_suites_ran.add(str(properties["combo"]))
            service = properties.get("missing_service")
            if report.when == "setup" and isinstance(service, str):
                missing[service] += 1
    selection = terminalreporter.config.stash[SELECTION]
    counts = []
    for tier, ids in combos_ran.items():
        counts.append(f"{tier} {len(ids)}")
        standing_for = sum(combo.runs_as.id in ids for combo in selection.combos)
        if tier != "static" and standing_for > len(ids):
            counts[-1] += f" (for {standing_for})"
    terminalreporter.write_sep("-", f"combinations that ran per tier: {', '.join(counts)}")
    medians = [
        f"{tier} {statistics.median(per_combo):.1f}"
        for tier in TIERS
        if (per_combo := [spent for (_, of), spent in seconds.items() if of == tier])
    ]
    if medians:
        terminalreporter.write_sep(
            "-", f"median seconds per combination and tier: {', '.join(medians)}"
        )
    if whole_suites_collected:
        suites = terminalreporter.config.option.suites
        mode = "every combination" if suites == "all" else "covering array"
        ran = [c for c in runtime_combinations(selection.combos) if c.id in whole_suites_ran]
        share = runtime_coverage(ran, template_combinations(template_dir(terminalreporter.config)))
        terminalreporter.write_sep(
            "-",
            f"whole suites (--suites={suites}): {mode}, {len(whole_suites_ran)} of "
            f"{selection.total_runtime} combinations, {share:.0%} of 3-way value tuples",
        )
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


@pytest.fixture
def redis_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RedisServer]:
    """A redis-server of the test's own, which the test may stop and start again."""
    server = RedisServer(require_program(request, "redis", "redis-server"), free_port(), tmp_path)
    server.start()
    yield server
    server.stop()
