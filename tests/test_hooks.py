"""The hooks: answer validation and clean-up as units, and what a user sees when baking with bad or
awkward answers."""

from __future__ import annotations

import ast
import importlib.util
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

from tests.expected_files import WHEN, WHEN_ALL
from tests.matrix import axes_of, load_context
from tests.project import run_ok, tool


def load_hook(template: Path, name: str) -> ModuleType:
    """Import a hook as a module: its Jinja parts sit in the `__main__` block, which stays unrun."""
    spec = importlib.util.spec_from_file_location(f"hook_{name}", template / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pre_gen(template: Path) -> ModuleType:
    return load_hook(template, "pre_gen_project")


@pytest.fixture(scope="module")
def post_gen(template: Path) -> ModuleType:
    return load_hook(template, "post_gen_project")


@pytest.fixture(scope="module")
def default_answers(template: Path) -> dict[str, Any]:
    """The answers of a user who accepts every default, as the hooks receive them."""
    context = generate_context(context_file=str(template / "cookiecutter.json"))
    answers: dict[str, Any] = prompt_for_config(context, no_input=True)
    return answers


# --- pre_gen_project.validate -------------------------------------------------------------------

INVALID = [
    ("project_slug", "Bad Slug!"),
    ("project_slug", ""),
    ("project_slug", "1service"),
    ("project_slug", "my--service"),
    ("project_slug", "my_service"),
    ("project_slug", "-service"),
    ("package_name", "my-service"),
    ("package_name", "class"),
    ("package_name", "match"),
    ("package_name", "fastapi"),
    ("package_name", "sqlalchemy"),
    ("package_name", "json"),
    ("package_name", "My_Service"),
    ("package_name", "1service"),
    ("package_name", "café"),
    ("version", "banana"),
    ("version", "1.0-"),
    ("author_email", "nobody"),
]

VALID = [
    ("project_slug", "a"),
    ("project_slug", "service2"),
    ("project_slug", "my-2nd-service"),
    ("package_name", "my_service2"),
    ("version", "1"),
    ("version", "1.0.0rc1"),
    ("version", "2.0.post1"),
    ("version", "0.1.0.dev3"),
    ("author_email", "ada@example.com"),
]


def test_default_answers_are_valid(pre_gen: ModuleType, default_answers: dict[str, Any]) -> None:
    assert pre_gen.validate(default_answers) == []


@pytest.mark.parametrize(("name", "value"), VALID)
def test_valid_answer(
    pre_gen: ModuleType, default_answers: dict[str, Any], name: str, value: str
) -> None:
    assert pre_gen.validate({**default_answers, name: value}) == []


@pytest.mark.parametrize(("name", "value"), INVALID)
def test_invalid_answer_gives_one_message_naming_it(
    pre_gen: ModuleType, default_answers: dict[str, Any], name: str, value: str
) -> None:
    errors = pre_gen.validate({**default_answers, name: value})
    assert len(errors) == 1, errors
    assert name in errors[0]
    assert repr(value) in errors[0] or not value


# --- post_gen_project ---------------------------------------------------------------------------


def flags(template: Path, on: bool) -> dict[str, bool]:
    return {
        axis.name: on for axis in axes_of(load_context(template)) if isinstance(axis.default, bool)
    }


def replaced_when_on(options: dict[str, bool]) -> set[str]:
    """The paths that the flags that are on replace (WHEN's entries for a flag's False)."""
    return {
        path
        for (option, value), paths in WHEN.items()
        if value is False and options.get(option) is True
        for path in paths
    }


def test_only_what_flags_replace_is_removed_when_every_flag_is_on(
    post_gen: ModuleType, template: Path
) -> None:
    options = flags(template, on=True)
    assert sorted(post_gen.paths_to_remove(options)) == sorted(replaced_when_on(options))


def files_of(option: str) -> set[str]:
    """The paths that exist only when the flag is on, as the manifest names them: its own, and
    those it shares with other flags unless they lie in a folder of its own."""
    own = WHEN[(option, True)]
    shared = {
        path
        for conditions, paths in WHEN_ALL.items()
        if (option, True) in conditions
        for path in paths
        if not any(path.startswith(f"{folder}/") for folder in own)
    }
    return own | shared


@pytest.mark.parametrize("option", [option for (option, value) in WHEN if value is True])
def test_a_flag_off_removes_exactly_its_files(
    post_gen: ModuleType, template: Path, option: str
) -> None:
    options = {**flags(template, on=True), option: False}
    expected = files_of(option) | replaced_when_on(options)
    assert sorted(post_gen.paths_to_remove(options)) == sorted(expected)


def test_env_file_gets_fresh_secrets(post_gen: ModuleType, tmp_path: Path) -> None:
    placeholders = post_gen.SECRET_PLACEHOLDERS
    example = "# settings\nLOG_LEVEL=INFO\n" + "".join(
        f"SECRET_{number}={placeholder}\n" for number, placeholder in enumerate(placeholders)
    )
    (tmp_path / ".env.example").write_text(example, encoding="utf-8")

    post_gen.write_env_file(tmp_path)
    first = (tmp_path / ".env").read_text(encoding="utf-8")
    post_gen.write_env_file(tmp_path)
    second = (tmp_path / ".env").read_text(encoding="utf-8")

    assert (tmp_path / ".env.example").read_text(encoding="utf-8") == example
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600
    assert first.startswith("# settings\nLOG_LEVEL=INFO\n")
    assert len(first.splitlines()) == len(example.splitlines())
    for placeholder in placeholders:
        assert placeholder not in first
    secrets = [line.split("=", 1)[1] for line in first.splitlines() if line.startswith("SECRET_")]
    assert all(len(secret) >= 32 for secret in secrets)
    assert first != second or not placeholders, "every bake must write new secrets"


# --- baking with bad answers --------------------------------------------------------------------

# id -> (answers, the answer the one message must name). Other answers stay valid, so that
# exactly one message is expected.
BAD_BAKES = {
    "bad-slug": ({"project_slug": "Bad Slug!", "package_name": "bad_slug"}, "project_slug"),
    "empty-slug": ({"project_slug": "", "package_name": "my_service"}, "project_slug"),
    "hyphen-package": ({"package_name": "my-service"}, "package_name"),
    "keyword-package": ({"package_name": "class"}, "package_name"),
    "shadowing-package": ({"package_name": "fastapi"}, "package_name"),
    "bad-version": ({"version": "banana"}, "version"),
}


@pytest.mark.parametrize(("answers", "name"), BAD_BAKES.values(), ids=BAD_BAKES.keys())
def test_bad_answer_stops_the_bake_with_one_message_and_no_output(
    cookies: Any,
    capfd: pytest.CaptureFixture[str],
    tmp_path: Path,
    answers: dict[str, str],
    name: str,
) -> None:
    result = cookies.bake(extra_context=answers)
    err = capfd.readouterr().err

    assert result.exit_code != 0
    assert result.exception is not None
    messages = [line for line in err.splitlines() if line.startswith("ERROR:")]
    assert len(messages) == 1, f"stderr: {err!r}; exception: {result.exception!r}"
    assert name in messages[0]
    assert "Traceback" not in err, err
    output_root = tmp_path / "cookies"
    leftovers = [path for path in output_root.rglob("*") if path.parent != output_root]
    assert leftovers == [], "the failed bake left files behind"


# --- baking with awkward but valid answers ------------------------------------------------------

QUOTES = 'Bob\'s "Quoted" {Braces} \\ Back'
UNICODE = "Café Ünïcode"


@dataclass(frozen=True)
class Awkward:
    text: str
    slug: str
    package: str
    answers: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        answers = {"project_name": self.text, "description": self.text, "author_name": self.text}
        object.__setattr__(self, "answers", answers)


AWKWARD = [
    pytest.param(
        Awkward(QUOTES, "bob-s-quoted-braces-back", "bob_s_quoted_braces_back"),
        id="quotes",
    ),
    pytest.param(
        Awkward(UNICODE, "cafe-unicode", "cafe_unicode"),
        id="unicode",
    ),
]


@dataclass(frozen=True)
class AwkwardBake:
    case: Awkward
    result: Any

    @property
    def root(self) -> Path:
        assert self.result.exception is None, f"bake failed: {self.result.exception!r}"
        root: Path = self.result.project_path
        return root


@pytest.fixture(scope="module", params=AWKWARD)
def awkward(request: pytest.FixtureRequest, cookies_session: Any) -> AwkwardBake:
    """One bake per awkward case, shared by the tests below."""
    case: Awkward = request.param
    return AwkwardBake(case, cookies_session.bake(extra_context=case.answers))


def test_awkward_answers_bake(awkward: AwkwardBake) -> None:
    assert awkward.result.exit_code == 0
    assert awkward.root.is_dir()


def test_awkward_answers_derive_slug_and_package(awkward: AwkwardBake) -> None:
    assert awkward.result.context["project_slug"] == awkward.case.slug
    assert awkward.result.context["package_name"] == awkward.case.package
    assert awkward.root.name == awkward.case.slug
    assert (awkward.root / "src" / awkward.case.package / "__init__.py").is_file()


def test_awkward_answers_survive_in_pyproject(awkward: AwkwardBake) -> None:
    pyproject = tomllib.loads((awkward.root / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert project["name"] == awkward.case.slug
    assert project["description"] == awkward.case.text
    assert project["authors"][0]["name"] == awkward.case.text


def test_awkward_project_name_is_a_python_string_in_the_package(awkward: AwkwardBake) -> None:
    package = awkward.root / "src" / awkward.case.package
    constants = {
        node.value
        for path in package.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert awkward.case.text in constants


def test_awkward_answers_keep_the_code_ruff_clean(awkward: AwkwardBake) -> None:
    run_ok([tool("ruff"), "check", "--no-cache", "."], awkward.root)
    run_ok([tool("ruff"), "format", "--check", "--no-cache", "."], awkward.root)
