"""Run tier: the upgrade drill. A project baked with `cruft create` from the parent commit of this
template's HEAD, committed and then edited by its user, updates with `cruft update` to the
template as it stands in the working tree: no conflict, the user's edit kept, `.env` untouched,
and the project's own tests pass afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.matrix import Combo
from tests.project import PYTEST_QUIET, Project, run_ok, tool

pytestmark = pytest.mark.run

PROJECT_DIR = "{{cookiecutter.__project_dir}}"
USER_LINE = 'OWNER = "the platform team"  # added by the project, kept by every update\n'
BANNER = "Next steps:"


def git(cwd: Path, *args: str) -> str:
    return run_ok(["git", *args], cwd).strip()


def commit_everything(repo: Path, message: str) -> str:
    """Commit the whole working tree as its user would; the commit's id. (Empty when nothing
    changed: a clean checkout of the template is its HEAD, and the drill still needs a commit.)"""
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--no-verify", "--allow-empty", "--message", message)
    return git(repo, "rev-parse", "HEAD")


def configure_user(repo: Path) -> None:
    git(repo, "config", "user.name", "Template Tests")
    git(repo, "config", "user.email", "template-tests@example.com")
    git(repo, "config", "commit.gpgsign", "false")


def parent_commit(template: Path) -> str:
    """HEAD~1 of the template repository: the version a project is updated from."""
    found = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "HEAD~1^{commit}"],
        cwd=template,
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        pytest.fail(
            f"the drill needs the parent of HEAD in {template}, and there is none (a shallow clone"
            " or a single commit?): clone the template with its history",
            pytrace=False,
        )
    return found.stdout.strip()


def working_tree_template(template: Path, clone: Path) -> str:
    """A clone of the template repository plus one commit that holds its working tree as it is
    (tracked files as edited, untracked ones unless ignored): what `cruft update` updates to.
    cruft takes templates from git commits only, and the working tree may not be committed."""
    run_ok(["git", "clone", "--quiet", str(template), str(clone)], template)
    configure_user(clone)
    for tracked in git(clone, "ls-files", "-z").split("\0"):
        if tracked:
            (clone / tracked).unlink()
    listed = git(template, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    for name in listed.split("\0"):
        source = template / name
        if name and (source.is_file() or source.is_symlink()):
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name, follow_symlinks=False)
    return commit_everything(clone, "The template's working tree")


def cruft(cwd: Path, *args: str) -> str:
    return run_ok([tool("cruft"), *args], cwd, os.environ | {"NO_COLOR": "1"}, timeout=300)


@pytest.mark.combos(when=lambda combo: combo.is_default)
def test_a_project_from_the_previous_commit_updates_cleanly(
    template: Path, combo: Combo, tmp_path: Path
) -> None:
    old = parent_commit(template)
    template_repo = tmp_path / "template"
    new = working_tree_template(template, template_repo)

    # A project baked from `old`, as a user starts one: `cruft create`, then git. Templates whose
    # generated pyproject.toml has no [tool.cruft] skip list yet (those before the list was added)
    # get .env skipped the other way cruft offers, `--skip` (kept in .cruft.json): `cruft update`
    # reads the skip list of the project as it is before the update.
    old_pyproject = git(template_repo, "show", f"{old}:{PROJECT_DIR}/pyproject.toml")
    skip = [] if "[tool.cruft]" in old_pyproject else ["--skip", ".env"]
    projects = tmp_path / "projects"
    cruft(
        tmp_path,
        *("create", str(template_repo), "--checkout", old, "--no-input", "--default-config"),
        *("--extra-context", json.dumps(combo.extra_context), "--output-dir", str(projects)),
        *skip,
    )
    (root,) = projects.iterdir()
    git(root, "init", "--quiet")
    configure_user(root)
    commit_everything(root, "Bake the project")
    env_before = (root / ".env").read_bytes()
    answers = json.loads((root / ".cruft.json").read_text())["context"]["cookiecutter"]
    package = answers["package_name"]
    edited = f"src/{package}/__init__.py"
    package_init = root / edited
    with package_init.open("a", encoding="utf-8") as init:
        init.write(f"\n{USER_LINE}")
    commit_everything(root, "A change of our own")

    output = cruft(root, "update", "--skip-apply-ask", "--checkout", new)

    assert "Good work!" in output, output
    assert sorted(path.name for path in root.rglob("*.rej")) == []
    assert git(root, "ls-files", "--unmerged") == "", "the update left conflicts"
    assert (root / ".env").read_bytes() == env_before
    assert package_init.read_text(encoding="utf-8").endswith(USER_LINE)
    assert json.loads((root / ".cruft.json").read_text())["commit"] == new
    assert tomllib.loads((root / "pyproject.toml").read_text())["tool"]["cruft"]["skip"] == [".env"]
    # All that now differs from the template the project is linked to is the user's edit (.env
    # is skipped), and cruft's own render of the template printed no banner. (`cruft diff` shows
    # the way from the project to the template: the user's line as a removal.)
    commit_everything(root, "Update from the template")
    difference = cruft(root, "diff")
    changed = {
        line.split()[2].removeprefix("upstream-template-old/")
        for line in difference.splitlines()
        if line.startswith("diff --git ")
    }
    assert changed == {edited}, difference
    assert f"-{USER_LINE}" in difference, difference
    assert BANNER not in difference, difference

    project = Project(root, package, "/api/v2")
    project.run(tool("uv"), "sync", timeout=900)
    tests = project.uv_run("pytest", *PYTEST_QUIET)
    assert " passed" in tests, tests
