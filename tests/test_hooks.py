"""The hooks: answer validation and clean-up as units, and what a user sees when baking with bad or
awkward answers."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import stat
import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

from tests.expected_files import WHEN, WHEN_ALL
from tests.matrix import Value, axes_of, load_context
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


def flags(template: Path, on: bool) -> dict[str, Value]:
    """Every flag on (or off), every choice at its default."""
    return {
        axis.name: on if isinstance(axis.default, bool) else axis.default
        for axis in axes_of(load_context(template))
    }


def outermost(paths: set[str]) -> set[str]:
    """The paths not inside another of them: the manifest names a folder, not its files."""
    return {path for path in paths if not any(path.startswith(f"{other}/") for other in paths)}


def replaced_when_on(options: dict[str, Value]) -> set[str]:
    """The paths that the flags that are on replace (WHEN's entries for a flag's False), and
    those of the choice values not taken."""
    replaced = {
        path
        for (option, value), paths in WHEN.items()
        if value is False and options.get(option) is True
        for path in paths
    }
    not_taken = {
        path
        for (option, value), paths in WHEN.items()
        if not isinstance(value, bool) and options[option] != value
        for path in paths
    }
    return replaced | outermost(not_taken)


def test_only_what_flags_replace_is_removed_when_every_flag_is_on(
    post_gen: ModuleType, template: Path
) -> None:
    options = flags(template, on=True)
    assert sorted(post_gen.paths_to_remove(options)) == sorted(replaced_when_on(options))


CHOICES_WITH_FILES = sorted(
    {(option, str(value)) for (option, value) in WHEN if not isinstance(value, bool)}
)


@pytest.mark.parametrize(("option", "value"), CHOICES_WITH_FILES)
def test_a_choice_keeps_the_files_of_its_value_and_removes_those_of_the_others(
    post_gen: ModuleType, template: Path, option: str, value: str
) -> None:
    options = {**flags(template, on=True), option: value}
    removed = set(post_gen.paths_to_remove(options))
    own = outermost(WHEN[(option, value)])
    others = outermost(
        {
            path
            for (name, other), paths in WHEN.items()
            if name == option and other != value
            for path in paths
        }
    )
    assert own and not own & removed, f"{option}={value} removes its own files"
    assert others <= removed, f"{option}={value} keeps files of other values"


def test_every_value_of_a_choice_in_the_manifest_is_an_answer(
    post_gen: ModuleType, template: Path
) -> None:
    axes = {axis.name: axis.values for axis in axes_of(load_context(template))}
    for option, value in post_gen.CHOICE_PATHS:
        assert value in axes[option], f"the manifest names {option}={value}, not an answer"


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

    post_gen.write_env_file(tmp_path, date(2026, 12, 2))
    first = (tmp_path / ".env").read_text(encoding="utf-8")
    post_gen.write_env_file(tmp_path, date(2026, 12, 2))
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


def test_env_file_gets_the_day_of_the_bake_and_a_year_later(
    post_gen: ModuleType, tmp_path: Path
) -> None:
    # .env.example leaves the dates empty (so that it is the same file whatever the day), and
    # only the empty ones are filled.
    example = "API_V1_DEPRECATED_ON=\nAPI_V1_SUNSET_ON=\n# API_V1_SUNSET_ON=\nOTHER_DAY=\n"
    (tmp_path / ".env.example").write_text(example, encoding="utf-8")

    post_gen.write_env_file(tmp_path, date(2027, 3, 1))

    assert (tmp_path / ".env").read_text(encoding="utf-8") == (
        "API_V1_DEPRECATED_ON=2027-03-01\n"
        "API_V1_SUNSET_ON=2028-02-29\n"
        "# API_V1_SUNSET_ON=\n"
        "OTHER_DAY=\n"
    )


# --- post_gen_project: the banner ---------------------------------------------------------------

BANNER = "Next steps:"


def scratch_folder() -> Path:
    """A folder such as cruft renders into: tempfile's `tmp` + 8 characters in the temp folder."""
    return Path(tempfile.mkdtemp())


# id -> (the answers' private keys, where the project is baked): what tells a bake that someone
# opens from one that cruft update and cruft diff make only to compare and then delete.
BAKES = {
    "cookiecutter": ({"_output_dir": "/somewhere", "_repo_dir": "/template"}, "user"),
    "cookiecutter-into-a-scratch-folder": ({"_output_dir": "/tmp/tmpabcdefgh"}, "scratch"),
    "cruft-create": ({"_template": "/template", "_commit": "0" * 40}, "user"),
    "cruft-scratch-render": ({"_template": "/template", "_commit": "0" * 40}, "scratch"),
}


@pytest.mark.parametrize(("private", "where"), BAKES.values(), ids=BAKES.keys())
def test_the_banner_shows_for_every_bake_but_crufts_scratch_renders(
    post_gen: ModuleType,
    default_answers: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    private: dict[str, str],
    where: str,
) -> None:
    parent = scratch_folder() if where == "scratch" else tmp_path / "projects"
    root = parent / default_answers["project_slug"]
    root.mkdir(parents=True)
    (root / ".env.example").write_text("LOG_LEVEL=INFO\n", encoding="utf-8")
    answers = {**default_answers, **private}

    try:
        scratch = post_gen.is_cruft_scratch_render(answers, root)
        assert post_gen.main(root, answers) == 0
    finally:
        if where == "scratch":
            shutil.rmtree(parent)

    expected_scratch = where == "scratch" and "_commit" in private
    assert scratch is expected_scratch
    output = capsys.readouterr().out
    assert (BANNER in output) is not expected_scratch
    assert (f"\n  cd {root}\n" in output) is not expected_scratch, "where the project is"


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
