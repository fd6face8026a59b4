"""Jinja filters that turn free-text answers into safe literals.

Cookiecutter loads this module from the template root (see `_extensions` in cookiecutter.json).
Answers such as project_name may hold quotes, backslashes, braces or non-ASCII text; these
filters quote them so the generated pyproject.toml and Python code stay valid and already
formatted the way `ruff format` would write them.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.ext import Extension

_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(text: str, quote: str) -> str:
    escaped = []
    for char in text:
        if char in _ESCAPES:
            escaped.append(_ESCAPES[char])
        elif char == quote:
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return "".join(escaped)


def python_string(text: object) -> str:
    """A Python string literal, quoted as `ruff format` would (double, unless that adds escapes)."""
    value = str(text)
    quote = "'" if value.count('"') > value.count("'") else '"'
    return quote + _escape(value, quote) + quote


def toml_string(text: object) -> str:
    """A TOML basic string."""
    return '"' + _escape(str(text), '"') + '"'


class LiteralFilters(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters["python_string"] = python_string
        environment.filters["toml_string"] = toml_string
