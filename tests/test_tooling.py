"""Run tier: the generated project's own tooling, used as its owner would on the default
combination: its pre-commit hooks pass and change nothing, `make revision` writes a migration that
is lint-clean as written, and each license answer gives a project that builds.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.matrix import Combo, default_combo, template_combinations
from tests.project import Project, run_ok, tool
from tests.workspace import Workspace

pytestmark = pytest.mark.run


def copy_without_environment(project: Project, destination: Path) -> Project:
    """A copy of a synced project without its .venv (commands in it use the original's, see
    `env_of`) and without the caches of earlier runs."""
    root = destination / project.root.name
    ignored = shutil.ignore_patterns(".venv", ".mypy_cache", ".ruff_cache", ".pytest_cache")
    shutil.copytree(project.root, root, symlinks=True, ignore=ignored)
    return Project(root, project.package, project.api)


def env_of(copy: Project, original: Project, tmp_path: Path, **settings: str) -> dict[str, str]:
    """The environment for `uv run --no-sync` in the copy with the original's installed .venv,
    importing the copy's own sources (the .venv's editable install points at the original's)."""
    uv_folder = str(Path(tool("uv")).parent)  # the hooks call `uv`
    return copy.env(
        PATH=f"{uv_folder}{os.pathsep}{os.environ.get('PATH', os.defpath)}",
        UV_PROJECT_ENVIRONMENT=str(original.root / ".venv"),
        PYTHONPATH=str(copy.root / "src"),
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        **settings,
    )


def git(copy: Project, *args: str) -> str:
    return run_ok(["git", "-c", "init.defaultBranch=main", *args], copy.root)


@pytest.mark.combos(when=lambda combo: combo.is_default)
def test_pre_commit_hooks_pass_and_change_nothing(project: Project, tmp_path: Path) -> None:
    copy = copy_without_environment(project, tmp_path)
    env = env_of(copy, project, tmp_path)
    git(copy, "init", "-q")
    git(copy, "add", "--all")
    tracked = git(copy, "ls-files").splitlines()
    assert ".pre-commit-config.yaml" in tracked and ".env" not in tracked

    command = [tool("uv"), "run", "--no-sync", "pre-commit", "run", "--all-files"]
    output = run_ok(command, copy.root, env)

    # Every hook ran (none was skipped for want of files) and passed.
    hooks = ("ruff check", "ruff format", "mypy --strict", "fix end of files")
    for hook in (*hooks, "trim trailing whitespace", "check yaml", "check toml"):
        line = next((line for line in output.splitlines() if line.startswith(hook)), "")
        assert line.endswith("Passed"), f"{hook}: {line or 'did not run'}\n{output}"
    # Nothing changed since `git add` and nothing was added: every path is as it was staged.
    status = git(copy, "status", "--porcelain").splitlines()
    assert [line for line in status if not line.startswith("A  ")] == [], "the hooks changed files"
    assert len(status) == len(tracked)


@pytest.mark.combos(when=lambda combo: combo.is_default)
def test_make_revision_writes_a_lint_clean_migration(project: Project, tmp_path: Path) -> None:
    copy = copy_without_environment(project, tmp_path)
    env = env_of(copy, project, tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'revision.db'}")
    versions = copy.root / "alembic" / "versions"
    before = {path.name for path in versions.glob("*.py")}
    models = copy.root / "src" / copy.package / "tags" / "models.py"
    column = "    name: Mapped[str] = mapped_column(String(50), unique=True)\n"
    source = models.read_text(encoding="utf-8")
    assert column in source, "the Tag model changed: update this test's edit of it"
    added = "    description: Mapped[str | None] = mapped_column(String(200))\n"
    models.write_text(source.replace(column, column + added), encoding="utf-8")
    uv_run = [tool("uv"), "run", "--no-sync"]
    run_ok([*uv_run, "alembic", "upgrade", "head"], copy.root, env)

    # What `make revision m="..."` runs, without `uv run`'s sync of the shared environment.
    makefile = (copy.root / "Makefile").read_text(encoding="utf-8")
    assert 'uv run alembic revision --autogenerate -m "$(m)"' in makefile
    message = "add tag descriptions"
    run_ok([*uv_run, "alembic", "revision", "--autogenerate", "-m", message], copy.root, env)

    new = sorted({path.name for path in versions.glob("*.py")} - before)
    assert len(new) == 1, new
    migration = versions / new[0]
    text = migration.read_text(encoding="utf-8")
    assert message in text
    assert 'add_column(sa.Column("description", sa.String(length=200), nullable=True))' in text
    assert 'drop_column("description")' in text
    relative = str(migration.relative_to(copy.root))
    ruff = tool("ruff")
    run_ok([ruff, "check", "--no-cache", relative], copy.root, env)
    run_ok([ruff, "format", "--check", "--no-cache", relative], copy.root, env)
    run_ok([*uv_run, "mypy", relative], copy.root, env)
    # And it applies.
    run_ok([*uv_run, "alembic", "upgrade", "head"], copy.root, env)


SPDX = {
    "MIT": "MIT",
    "Apache-2.0": "Apache-2.0",
    "BSD-3-Clause": "BSD-3-Clause",
    "proprietary": "LicenseRef-Proprietary",
}


def license_combos(template: Path) -> dict[str, Combo]:
    """The combination baked with each license answer: the default, and the PER_FILE extras."""
    combos = template_combinations(template)
    default = default_combo(combos)
    found = {str(default["license"]): default}
    for combo in combos:
        if combo.per_file_value is not None and combo.per_file_value[0] == "license":
            found[str(combo.per_file_value[1])] = combo
    return found


@pytest.mark.combos(when=lambda combo: combo.is_default)
def test_each_license_builds_with_its_metadata(
    workspace: Workspace, template: Path, combo: Combo, tmp_path: Path
) -> None:
    # uv_build, the generated build backend, must accept each license expression and ship LICENSE.
    # The run tier has the default combination only: the others differ from it in their license.
    combos = license_combos(template)
    assert sorted(combos) == sorted(SPDX)
    assert combos[str(combo["license"])] == combo
    for answer, licensed in combos.items():
        baked = workspace.baked(licensed)
        root = tmp_path / answer / baked.root.name
        shutil.copytree(baked.root, root, symlinks=True)
        dist = tmp_path / answer / "dist"
        env = Project(root, baked.package, baked.api).env()
        run_ok([tool("uv"), "build", "--wheel", "--out-dir", str(dist)], root, env)
        (wheel,) = dist.glob("*.whl")
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
            metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
            shipped = archive.read(
                next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
            )
        text = metadata.decode()
        assert f"License-Expression: {SPDX[answer]}\n" in text, answer
        assert "License-File: LICENSE\n" in text, answer
        assert shipped.decode() == (root / "LICENSE").read_text(encoding="utf-8"), answer
        private = "Classifier: Private :: Do Not Upload\n" in text
        assert private == (answer == "proprietary"), answer
