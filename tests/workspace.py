"""The per-worker cache of each combination's expensive steps: bake, `uv sync`, migrations."""

from __future__ import annotations

import shutil
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any, TypeVar

import pytest

from tests.matrix import Combo
from tests.project import Project, tool

T = TypeVar("T")


class Workspace:
    """A step runs once per combination; a step that failed fails every later test that needs it
    with its first message instead of running again. `cleanups` run at the end of the session."""

    def __init__(
        self, cookies: Any, tmp_path_factory: pytest.TempPathFactory, cleanups: ExitStack
    ) -> None:
        self._cookies = cookies
        self._tmp_path_factory = tmp_path_factory
        self._outcomes: dict[tuple[str, str], tuple[bool, Any]] = {}
        self.cleanups = cleanups

    def once(self, step: str, combo: Combo, action: Callable[[], T]) -> T:
        key = (step, combo.id)
        if key not in self._outcomes:
            try:
                self._outcomes[key] = (True, action())
            except (AssertionError, pytest.fail.Exception) as error:
                self._outcomes[key] = (False, str(error))
                raise
        succeeded, value = self._outcomes[key]
        if not succeeded:
            pytest.fail(f"{step} failed earlier in this session:\n{value}", pytrace=False)
        result: T = value
        return result

    def bake_result(self, combo: Combo) -> Any:
        """pytest-cookies' Result of baking the combination (baked once, never raises)."""
        return self.once("bake", combo, lambda: self._cookies.bake(combo.extra_context))

    def baked(self, combo: Combo) -> Project:
        result = self.bake_result(combo)
        if result.exception is not None:
            details = "".join(traceback.format_exception(result.exception))
            message = f"baking {combo.id} failed (exit code {result.exit_code}):\n{details}"
            pytest.fail(message, pytrace=False)
        context = result.context
        api = "/api/v2" if context["api_versioning"] else "/api"
        return Project(result.project_path, context["package_name"], api)

    def synced(self, combo: Combo) -> Project:
        """A copy of the baked project (the static tier keeps reading the pristine one) with its
        environment installed by `uv sync`, dev group included."""

        def copy_and_sync() -> Project:
            baked = self.baked(combo)
            root = self._tmp_path_factory.mktemp("run") / baked.root.name
            shutil.copytree(baked.root, root, symlinks=True)
            project = Project(root, baked.package, baked.api)
            project.run(tool("uv"), "sync", timeout=900)
            return project

        return self.once("uv sync", combo, copy_and_sync)
