"""Finish the generated project: drop the files of disabled options, write fresh secrets.

The manifest below lists, per option, the files and folders that exist only when the option is on.
Only the standard library is used, and nothing is reformatted: the templates render clean code.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sys
from pathlib import Path
from typing import Any

# Paths (relative to the project root, {package} for the package name) that belong to one option:
# mostly the option's own package.
OPTION_PATHS: dict[str, list[str]] = {
    "use_docker": ["Dockerfile", "compose.yaml", ".dockerignore"],
    "use_auth": [
        "src/{package}/auth",
        "src/{package}/cli.py",
        "src/{package}/core/security.py",
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
        "tests/cache",
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

# Placeholders in .env.example that get a fresh random value in .env at every bake.
SECRET_PLACEHOLDERS = (
    "change-me-postgres-password",
    "change-me-rabbitmq-password",
    "change-me-secret-key",
)


def paths_to_remove(options: dict[str, Any]) -> list[str]:
    """The manifest entries of every option that is off, and the off-entries of every one on."""
    paths = [path for option, own in OPTION_PATHS.items() if not options[option] for path in own]
    paths += [path for option, own in OPTION_OFF_PATHS.items() if options[option] for path in own]
    return paths


def remove_paths(root: Path, paths: list[str], package: str) -> None:
    for relative in paths:
        target = root / relative.format(package=package)
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def write_env_file(root: Path) -> None:
    """Copy .env.example to .env, replacing every placeholder secret by a fresh random one."""
    content = (root / ".env.example").read_text(encoding="utf-8")
    for placeholder in SECRET_PLACEHOLDERS:
        content = content.replace(placeholder, secrets.token_urlsafe(32))
    env_file = root / ".env"
    env_file.write_text(content, encoding="utf-8")
    env_file.chmod(0o600)


def main(root: Path, answers: dict[str, Any]) -> int:
    remove_paths(root, paths_to_remove(answers), answers["package_name"])
    write_env_file(root)
    slug = answers["project_slug"]
    print(f"\nCreated {slug}. Next steps:\n  cd {slug}\n  make install migrate run\n")
    return 0


if __name__ == "__main__":
    # Double tojson: a JSON document inside a Python string literal, safe for any answer.
    sys.exit(main(Path.cwd(), json.loads({{ cookiecutter | tojson | tojson }})))
