"""The per-worker cache of each combination's expensive steps: bake, `uv sync`, migrations."""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import traceback
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar

import cookiecutter.generate
import jinja2
import pytest
from jinja2.bccache import Bucket

from tests.matrix import Combo
from tests.project import Project, tool

T = TypeVar("T")


class SessionBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in memory across bakes. Compiling the template files is
    about 40 % of a bake, and every bake of a session compiles the same files with the same
    settings; Jinja checks each file's checksum before it reuses the code."""

    def __init__(self) -> None:
        self.code: dict[tuple[str, str], bytes] = {}

    @staticmethod
    def _key(bucket: Bucket) -> tuple[str, str]:
        # The key Jinja makes names only the file: add the settings that change the compiled code.
        env = bucket.environment
        settings = (
            env.block_start_string, env.block_end_string, env.variable_start_string,
            env.variable_end_string, env.comment_start_string, env.comment_end_string,
            env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
            env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline,
            env.optimized, env.autoescape, sorted(env.extensions),
        )  # fmt: skip
        return repr(settings), bucket.key

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.code.get(self._key(bucket))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[self._key(bucket)] = bucket.bytecode_to_string()


@contextmanager
def compiled_templates_shared() -> Iterator[None]:
    """Within it, every bake reuses the templates that earlier bakes compiled."""
    cache = SessionBytecodeCache()
    create_env = cookiecutter.generate.create_env_with_context

    def create_env_with_cache(context: dict[str, Any]) -> Any:
        env = create_env(context)
        env.bytecode_cache = cache
        return env

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cookiecutter.generate, "create_env_with_context", create_env_with_cache)
        yield


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
        # Shared by every xdist worker of the session: their basetemps are its subfolders.
        base = tmp_path_factory.getbasetemp()
        self._shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base

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

    def check_once(self, check: str, content: bytes, combo: Combo, action: Callable[[], T]) -> None:
        """Run a check of some files once per distinct `content` in the whole session, on every
        worker together; a later call with the same content gets the first call's outcome. Meant
        for the files of STATIC_ONLY options, which have a few distinct renderings in all."""
        folder = self._shared / "checked-once"
        folder.mkdir(exist_ok=True)
        record = folder / f"{check}-{hashlib.sha256(content).hexdigest()}"
        with record.with_suffix(".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one worker checks, the other waits for its outcome
            if not record.exists():
                try:
                    action()
                except (AssertionError, pytest.fail.Exception) as error:
                    record.write_text(f"failed\n{combo.id}\n{error}", encoding="utf-8")
                    raise
                record.write_text(f"passed\n{combo.id}\n", encoding="utf-8")
        outcome, first, message = record.read_text(encoding="utf-8").split("\n", 2)
        if outcome != "passed":
            pytest.fail(
                f"{check} failed on the same content for {first}:\n{message}", pytrace=False
            )

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
