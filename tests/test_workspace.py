"""The shortcuts of the test machinery change nothing but the time taken: bakes that share compiled
templates are byte for byte the bakes without, a check run once per distinct content gives every
later caller the first outcome, and xdist keeps each combination's tests on one worker."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pytest
from cookiecutter.main import cookiecutter

from tests.conftest import scope_of_test
from tests.matrix import template_combinations
from tests.workspace import Workspace, compiled_templates_shared


def files_of(root: Path) -> dict[str, bytes]:
    # .env holds fresh secrets at every bake.
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and path.name != ".env"
    }


def bake(template: Path, output: Path, context: dict[str, str]) -> Path:
    return Path(
        cookiecutter(str(template), no_input=True, output_dir=str(output), extra_context=context)
    )


def test_bakes_sharing_compiled_templates_are_the_same_bakes(
    template: Path, tmp_path: Path
) -> None:
    combos = template_combinations(template)
    first, last = combos[0].extra_context, combos[-1].extra_context
    plain = bake(template, tmp_path / "plain", last)
    with compiled_templates_shared():
        bake(template, tmp_path / "warm-up", first)  # compiles every shared file
        shared = bake(template, tmp_path / "shared", last)
    assert files_of(shared) == files_of(plain)


def test_a_check_runs_once_per_distinct_content(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    combo, other = template_combinations(Path(__file__).parent.parent)[:2]
    calls: list[str] = []

    def passes() -> None:
        calls.append("passes")

    def fails() -> None:
        calls.append("fails")
        pytest.fail("bad file", pytrace=False)

    with ExitStack() as cleanups:
        workspace = Workspace(None, tmp_path_factory, cleanups)
        workspace.check_once("demo", b"good", combo, passes)
        workspace.check_once("demo", b"good", other, passes)
        with pytest.raises(pytest.fail.Exception, match="bad file"):
            workspace.check_once("demo", b"bad", combo, fails)
        with pytest.raises(pytest.fail.Exception, match=f"same content for {combo.id}:\nbad file"):
            workspace.check_once("demo", b"bad", other, fails)
    assert calls == ["passes", "fails"]


def test_a_combination_and_its_static_only_twins_are_one_xdist_scope(template: Path) -> None:
    combos = template_combinations(template)
    scopes = {combo.id: combo.runs_as.id for combo in combos}
    twin = next(combo for combo in combos if combo.runs_as != combo)
    tests = [
        f"tests/test_static.py::test_bake_succeeds[{twin.id}]",
        f"tests/test_static.py::test_expected_files[{twin.runs_as.id}]",
        f"tests/test_run.py::test_mypy_strict_clean[{twin.runs_as.id}]",
    ]
    assert {scope_of_test(test, scopes) for test in tests} == {twin.runs_as.id}
    other = next(combo for combo in combos if combo.runs_as not in {twin, twin.runs_as})
    assert scope_of_test(f"tests/test_run.py::test_x[{other.id}]", scopes) != twin.runs_as.id
    # Other tests: alone, or with the same parameter's tests of their module.
    assert scope_of_test("tests/test_matrix.py::test_a", scopes) == "tests/test_matrix.py::test_a"
    awkward = {
        scope_of_test(f"tests/test_hooks.py::{name}[quotes]", scopes)
        for name in ("test_awkward_answers_bake", "test_awkward_answers_survive_in_pyproject")
    }
    assert awkward == {"tests/test_hooks.py[quotes]"}
