"""Rendering a few of the template's files alone, as a bake would write them, without baking.

The files of the PER_FILE options (tests/matrix.py) are checked for every combination and every
value of the option, which would be thousands of bakes; rendering just those files takes
milliseconds. The rendering is cookiecutter's own: its context (cookiecutter.json, the answers,
the derived and private `__` variables), its Jinja environment (with the `_extensions` and
`_jinja2_env_vars` of cookiecutter.json), file names rendered as it renders them (an empty name is
no file), then the post-gen hook's manifest of removed paths. tests/test_per_file.py proves that
it agrees with real bakes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config
from cookiecutter.utils import create_env_with_context

PROJECT_TEMPLATE = "{{cookiecutter.__project_dir}}"


@contextmanager
def importable(folder: Path) -> Iterator[None]:
    """The template's own modules (its `_extensions`) importable, as cookiecutter makes them."""
    sys.path.insert(0, str(folder))
    try:
        yield
    finally:
        sys.path.remove(str(folder))


def load_post_gen_hook(template: Path) -> ModuleType:
    """The post-gen hook as a module: its Jinja parts sit in the `__main__` block, left unrun."""
    path = template / "hooks" / "post_gen_project.py"
    spec = importlib.util.spec_from_file_location("post_gen_manifest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Renderer:
    """Renders chosen files of the generated project for given answers."""

    def __init__(self, template: Path) -> None:
        self.template = template
        self.project_template = template / PROJECT_TEMPLATE
        self.hook = load_post_gen_hook(template)
        self.answers: dict[str, Any] = json.loads(
            (template / "cookiecutter.json").read_text(encoding="utf-8")
        )
        # The template's files by the path that a bake renders into their names.
        self.sources = sorted(
            path.relative_to(self.project_template).as_posix()
            for path in self.project_template.rglob("*")
            if path.is_file()
        )
        self._env: jinja2.Environment | None = None
        self._env_settings: object = None
        self._names: dict[str, jinja2.Template] = {}

    def context(self, answers: Mapping[str, str]) -> dict[str, Any]:
        """The context a bake with these answers (`--no-input key=value ...`) renders with."""
        with importable(self.template):
            context: dict[str, Any] = generate_context(
                context_file=str(self.template / "cookiecutter.json"),
                extra_context=dict(answers),
            )
            context["_cookiecutter"] = {
                name: value
                for name, value in context["cookiecutter"].items()
                if not name.startswith("_")
            }
            context["cookiecutter"] = prompt_for_config(context, no_input=True)
        context["cookiecutter"]["_template"] = str(self.template)
        context["cookiecutter"]["_repo_dir"] = str(self.template)
        return context

    def env(self, context: dict[str, Any]) -> jinja2.Environment:
        """cookiecutter's environment for the context; one for every context with the same
        `_extensions` and `_jinja2_env_vars`, so that each file is compiled once."""
        settings = repr(
            [context["cookiecutter"].get(key) for key in ("_extensions", "_jinja2_env_vars")]
        )
        if self._env is None or settings != self._env_settings:
            with importable(self.template):
                env = create_env_with_context(context)
            env.loader = jinja2.FileSystemLoader(str(self.project_template))
            self._env, self._env_settings, self._names = env, settings, {}
        return self._env

    def name_of(self, source: str, env: jinja2.Environment, context: dict[str, Any]) -> str:
        """The path a bake writes the source to (empty: none)."""
        if "{" not in source:
            return source
        if source not in self._names:
            self._names[source] = env.from_string(source)
        return self._names[source].render(**context)

    def with_answer(self, context: dict[str, Any], name: str, value: str) -> dict[str, Any]:
        """The context with one answer changed, as `context(answers | {name: value})` gives it,
        for an answer that no other variable of cookiecutter.json is derived from (the variables
        are rendered once per combination, not once per value of its PER_FILE options)."""
        raw = self.answers
        derived = [key for key, text in raw.items() if f"cookiecutter.{name}" in str(text)]
        assert derived == [], f"{derived} derive from {name}: render with context() instead"
        assert value in raw[name], f"{name}={value} is not an answer of cookiecutter.json"
        changed = {**context, "cookiecutter": {**context["cookiecutter"], name: value}}
        changed["_cookiecutter"] = {**context["_cookiecutter"], name: value}
        return changed

    def render(self, context: dict[str, Any], paths: Collection[str]) -> dict[str, str]:
        """Of `paths` (as in the baked project), those a bake with this context writes and keeps,
        with their contents."""
        env = self.env(context)
        options = context["cookiecutter"]
        removed = [
            path.format(package=options["package_name"])
            for path in self.hook.paths_to_remove(options)
        ]
        rendered: dict[str, str] = {}
        for source in self.sources:
            name = self.name_of(source, env, context)
            if name not in paths or any(
                name == path or name.startswith(f"{path}/") for path in removed
            ):
                continue
            rendered[name] = env.get_template(source).render(**context)
        return rendered
