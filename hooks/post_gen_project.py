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

# Paths (relative to the project root, {package} for the package name) that belong to one option.
OPTION_PATHS: dict[str, list[str]] = {
    "use_docker": ["Dockerfile", "compose.yaml", ".dockerignore"],
    "use_auth": [
        "src/{package}/auth",
        "src/{package}/cli.py",
        "src/{package}/core/security.py",
        "tests/auth",
    ],
    "api_versioning": [
        "src/{package}/api/shared.py",
        "src/{package}/api/v2.py",
        "src/{package}/core/cursor_pagination.py",
        "src/{package}/core/versioning.py",
        "tests/api",
        "tests/posts/test_cursor_list.py",
    ],
    "use_redis": [
        "src/{package}/core/cache.py",
        "src/{package}/core/redis.py",
        "src/{package}/posts/cache.py",
        "src/{package}/tags/cache.py",
        "src/{package}/auth/revocation.py",
        "tests/core/test_cache.py",
        "tests/core/test_redis.py",
    ],
    "use_celery": [
        "src/{package}/auth/jobs.py",
        "src/{package}/auth/tasks.py",
        "src/{package}/core/celery_app.py",
        "src/{package}/core/tasks.py",
        "src/{package}/jobs",
        "src/{package}/posts/tasks.py",
        "src/{package}/stats/jobs.py",
        "src/{package}/stats/tasks.py",
        "tests/core/test_tasks.py",
        "tests/in_process_tasks.py",
        "tests/jobs",
    ],
}

# Placeholders in .env.example that get a fresh random value in .env at every bake.
SECRET_PLACEHOLDERS = (
    "change-me-postgres-password",
    "change-me-rabbitmq-password",
    "change-me-secret-key",
)


def paths_to_remove(options: dict[str, Any]) -> list[str]:
    """The manifest entries of every option that is switched off."""
    return [path for option, paths in OPTION_PATHS.items() if not options[option] for path in paths]


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
