"""Validate the answers before anything is generated.

Cookiecutter removes the half-made project folder when this hook exits non-zero, so a bad answer
costs the user nothing but one readable line. Only the standard library is used.
"""

from __future__ import annotations

import json
import keyword
import re
import sys
from typing import Any

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
VERSION_PATTERN = re.compile(r"^\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?$")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+$")
# The generated code is formatted for names up to these lengths (longer ones would change how
# `ruff format` wraps the lines that contain them).
MAX_PACKAGE_NAME_LENGTH = 40
MAX_SLUG_LENGTH = 40

# Importing the generated package must never shadow one of its dependencies or test tools.
RESERVED_PACKAGE_NAMES = frozenset(
    {
        "aiosqlite",
        "alembic",
        "anyio",
        "asyncpg",
        "email_validator",
        "fastapi",
        "httpx",
        "mypy",
        "psycopg",
        "pydantic",
        "pydantic_settings",
        "pytest",
        "pythonjsonlogger",
        "ruff",
        "sqlalchemy",
        "starlette",
        "tests",
        "uvicorn",
    }
)


def validate(answers: dict[str, Any]) -> list[str]:
    """Return one readable message per invalid answer (empty when all are valid)."""
    errors: list[str] = []
    slug = answers["project_slug"]
    if not slug:
        errors.append("project_slug is empty: give a name such as 'my-service'.")
    elif len(slug) > MAX_SLUG_LENGTH:
        errors.append(
            f"project_slug {slug!r} is longer than {MAX_SLUG_LENGTH} characters: "
            "choose a shorter name."
        )
    elif not SLUG_PATTERN.match(slug):
        errors.append(
            f"project_slug {slug!r} is not valid: use lowercase letters, digits and single "
            "hyphens, starting with a letter (e.g. 'my-service')."
        )
    package = answers["package_name"]
    if not package.isidentifier() or not package.isascii():
        errors.append(
            f"package_name {package!r} is not a valid Python identifier: use lowercase "
            "letters, digits and underscores, starting with a letter (e.g. 'my_service')."
        )
    elif keyword.iskeyword(package) or keyword.issoftkeyword(package):
        errors.append(f"package_name {package!r} is a Python keyword: choose another name.")
    elif package.lower() in RESERVED_PACKAGE_NAMES or package in sys.stdlib_module_names:
        errors.append(
            f"package_name {package!r} would shadow the module of that name that the "
            "service or its tools import: choose another name."
        )
    elif package != package.lower():
        errors.append(f"package_name {package!r} must be lowercase (PEP 8).")
    elif len(package) > MAX_PACKAGE_NAME_LENGTH:
        errors.append(
            f"package_name {package!r} is longer than {MAX_PACKAGE_NAME_LENGTH} characters: "
            "choose a shorter name."
        )
    if not VERSION_PATTERN.match(answers["version"]):
        errors.append(f"version {answers['version']!r} is not a PEP 440 version such as '0.1.0'.")
    if not EMAIL_PATTERN.match(answers["author_email"]):
        errors.append(f"author_email {answers['author_email']!r} is not an email address.")
    return errors


def main(answers: dict[str, Any]) -> int:
    errors = validate(answers)
    if errors:
        # One line: the first problem (later ones often follow from it, e.g. a derived name).
        print(f"ERROR: {errors[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    # Double tojson: a JSON document inside a Python string literal, safe for any answer.
    sys.exit(main(json.loads({{ cookiecutter | tojson | tojson }})))
