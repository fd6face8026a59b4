"""Finish the generated project: drop the files of disabled options, write .env (fresh secrets and
the API's dates: .env is the only file that differs between two bakes of the same answers).

The manifest below lists, per option, the files and folders that exist only when the option is on
(or, for a choice, has a given value). Only the standard library is used, and nothing is
reformatted: the templates render clean code.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

# Paths (relative to the project root, {package} for the package name) that belong to one option:
# mostly the option's own package.
OPTION_PATHS: dict[str, list[str]] = {
    "use_docker": ["Dockerfile", "compose.yaml", ".dockerignore"],
    "use_auth": [
        "src/{package}/auth",
        "src/{package}/core/security.py",
        "src/{package}/live/auth.py",
        "tests/auth",
    ],
    "api_versioning": [
        "src/{package}/versioning",
        "src/{package}/api/shared.py",
        "src/{package}/api/v2.py",
        "src/{package}/posts/router_v2.py",
        "tests/api",
        "tests/posts/test_cursor_list.py",
    ],
    "use_redis": [
        "src/{package}/cache",
        "src/{package}/auth/revocation.py",
        "src/{package}/live/redis.py",
        "tests/cache",
        "tests/live/test_redis.py",
    ],
    "use_celery": [
        "src/{package}/worker",
        "src/{package}/jobs",
        "src/{package}/auth/jobs.py",
        "src/{package}/stats/jobs.py",
        "src/{package}/stats/rebuild.py",
        "tests/worker",
        "tests/jobs",
    ],
}

# Paths that exist only while an option is off: what the option replaces.
OPTION_OFF_PATHS: dict[str, list[str]] = {
    # Without Celery, jobs run in the service's own process.
    "use_celery": ["src/{package}/background", "tests/background"],
}

# (choice, value) -> paths that exist only when the choice has that value: what the value writes.
CHOICE_PATHS: dict[tuple[str, str], list[str]] = {
    ("ci", "github"): [".github"],
    ("ci", "gitlab"): [".gitlab-ci.yml"],
}

# Placeholders in .env.example that get a fresh random value in .env at every bake.
SECRET_PLACEHOLDERS = (
    "change-me-postgres-password",
    "change-me-rabbitmq-password",
    "change-me-secret-key",
)

# Settings left empty in .env.example and set in .env to the day of the bake plus these many days.
# No other file holds a date: cruft diffs two renders of the template to update a project, and a
# date in them would differ from the project's, every day a new conflict.
DATED_SETTINGS = {"API_V1_DEPRECATED_ON": 0, "API_V1_SUNSET_ON": 365}


def paths_to_remove(options: dict[str, Any]) -> list[str]:
    """The manifest entries of every option that is off, the off-entries of every one on, and
    the entries of every choice value not chosen."""
    paths = [path for option, own in OPTION_PATHS.items() if not options[option] for path in own]
    paths += [path for option, own in OPTION_OFF_PATHS.items() if options[option] for path in own]
    paths += [
        path
        for (option, value), own in CHOICE_PATHS.items()
        if options[option] != value
        for path in own
    ]
    return paths


def remove_paths(root: Path, paths: list[str], package: str) -> None:
    for relative in paths:
        target = root / relative.format(package=package)
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def write_env_file(root: Path, today: date) -> None:
    """Copy .env.example to .env, replacing every placeholder secret by a fresh random one and
    giving every empty dated setting its day."""
    content = (root / ".env.example").read_text(encoding="utf-8")
    for placeholder in SECRET_PLACEHOLDERS:
        content = content.replace(placeholder, secrets.token_urlsafe(32))
    for name, days in DATED_SETTINGS.items():
        day = (today + timedelta(days=days)).isoformat()
        content = re.sub(rf"^{name}=$", f"{name}={day}", content, flags=re.MULTILINE)
    env_file = root / ".env"
    env_file.write_text(content, encoding="utf-8")
    env_file.chmod(0o600)


def is_cruft_scratch_render(answers: dict[str, Any], root: Path) -> bool:
    """Whether this bake is one that cruft makes only to compare: `cruft update` and `cruft diff`
    render the template into a fresh temporary folder and delete it afterwards.

    cruft calls cookiecutter's generate_files itself and adds `_commit` to the answers, where the
    cookiecutter command adds `_output_dir` (the folder asked for). `cruft create` writes where
    the user says, while the scratch renders go to a tempfile.TemporaryDirectory: `tmp` and 8
    characters, right in the temporary folder.
    """
    if "_commit" not in answers or "_output_dir" in answers:
        return False
    output = Path(os.path.realpath(root)).parent
    return (
        output.parent == Path(os.path.realpath(tempfile.gettempdir()))
        and re.fullmatch(r"tmp[a-z0-9_]{8}", output.name) is not None
    )


def main(root: Path, answers: dict[str, Any]) -> int:
    remove_paths(root, paths_to_remove(answers), answers["package_name"])
    write_env_file(root, datetime.now(UTC).date())
    if not is_cruft_scratch_render(answers, root):
        # The whole path: the project is wherever --output-dir put it, not always right here.
        folder = shlex.quote(str(root))
        print(f"\nCreated {root.name}. Next steps:\n  cd {folder}\n  make install migrate run\n")
    return 0


if __name__ == "__main__":
    # Double tojson: a JSON document inside a Python string literal, safe for any answer.
    sys.exit(main(Path.cwd(), json.loads({{ cookiecutter | tojson | tojson }})))
