"""Static tier: the files of the PER_FILE options (the CI files, LICENSE) of every combination with
every value of those options, rendered alone (tests/per_file.py) and each distinct rendering
validated once; the renderer proven to write what real bakes write; the license metadata of each
bake; and the CI files installing the uv and Python of the Dockerfile.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import pytest

from tests.expected_files import expected_paths
from tests.matrix import PER_FILE, Combo, axes_of, load_context, template_combinations
from tests.per_file import Renderer
from tests.project import Project, run_ok, tool

pytestmark = pytest.mark.static

# Phrases every rendering of LICENSE must hold for each answer: the title, the grant and the
# disclaimer of the license, so that no other text passes for it.
LICENSE_PHRASES: dict[str, tuple[str, ...]] = {
    "MIT": (
        "MIT License\n",
        "Permission is hereby granted, free of charge, to any person obtaining a copy\n",
        "The above copyright notice and this permission notice shall be included in all\n",
        'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR\n',
    ),
    "Apache-2.0": (
        "Apache License\n",
        "Version 2.0, January 2004\n",
        "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION\n",
        "9. Accepting Warranty or Additional Liability.",
        "END OF TERMS AND CONDITIONS\n",
    ),
    "BSD-3-Clause": (
        "BSD 3-Clause License\n",
        "1. Redistributions of source code must retain the above copyright notice, this\n",
        "3. Neither the name of the copyright holder nor the names of its\n",
        'THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"\n',
    ),
    "proprietary": ("All rights reserved.\n", "proprietary and confidential"),
}
# The SPDX expression of pyproject.toml's `license` for each answer (PEP 639).
SPDX = {
    "MIT": "MIT",
    "Apache-2.0": "Apache-2.0",
    "BSD-3-Clause": "BSD-3-Clause",
    "proprietary": "LicenseRef-Proprietary",
}
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@pytest.fixture(scope="session")
def renderer(template: Path) -> Renderer:
    return Renderer(template)


def with_value(combo: Combo, name: str, value: str) -> Combo:
    return replace(combo, options=(*combo.options, (name, value)))


def license_problems(text: str, answer: str, author: str) -> list[str]:
    problems = [f"no {phrase!r}" for phrase in LICENSE_PHRASES[answer] if phrase not in text]
    copyright_lines = [line for line in text.splitlines() if line.strip().startswith("Copyright")]
    # Two bakes of the same answers give the same files whatever the date: no year.
    problems += [f"a year in {line!r}" for line in copyright_lines if YEAR.search(line)]
    if answer != "Apache-2.0":  # its text only tells how to write the notice, in its appendix
        problems += [] if f"Copyright (c) {author}" in copyright_lines[0] else ["no copyright"]
    return problems


def test_every_rendering_of_the_per_file_options_files_is_valid(
    template: Path, renderer: Renderer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    axes = {axis.name: axis.values for axis in axes_of(load_context(template))}
    combos = [combo for combo in template_combinations(template) if combo.per_file_value is None]
    # path -> rendering -> the first (combination, option value) that rendered it
    distinct: dict[str, dict[str, str]] = defaultdict(dict)
    problems: list[str] = []
    renders = 0
    for combo in combos:
        context = renderer.context(combo.extra_context)
        package = context["cookiecutter"]["package_name"]
        for name, files in PER_FILE.items():
            for value in map(str, axes[name]):
                label = f"{combo.id} with {name}={value}"
                rendered = renderer.render(renderer.with_answer(context, name, value), files)
                renders += 1
                present, _ = expected_paths(with_value(combo, name, value), package)
                if set(rendered) != files & present:
                    problems.append(f"{label}: wrote {sorted(rendered)}")
                for path, text in rendered.items():
                    distinct[path].setdefault(text, label)
                if name == "license":
                    author = context["cookiecutter"]["author_name"]
                    found = license_problems(rendered["LICENSE"], value, author)
                    problems += [f"{label}: LICENSE: {problem}" for problem in found]
    assert problems == []
    assert renders == len(combos) * sum(len(axes[name]) for name in PER_FILE)

    # Clean as rendered, as the static tier wants every baked file (and pre-commit's fixers).
    for path, texts in distinct.items():
        for text, label in texts.items():
            if not text.endswith("\n") or text.endswith("\n\n"):
                problems.append(f"{label}: {path} does not end in exactly one newline")
            if any(line != line.rstrip() for line in text.splitlines()):
                problems.append(f"{label}: {path} has trailing whitespace")
            if re.search(r"\{\{|\{%|\{#|cookiecutter\.", text):
                problems.append(f"{label}: {path} has template residue")
    assert problems == []

    # One validator call per tool, over every distinct rendering.
    workflows = tmp_path / "github" / ".github" / "workflows"
    workflows.mkdir(parents=True)
    for number, text in enumerate(distinct[".github/workflows/ci.yml"]):
        (workflows / f"ci-{number}.yml").write_text(text, encoding="utf-8")
    # shellcheck and pyflakes (for `run:` scripts) are off: they are not installed everywhere, and
    # the result must not depend on the machine.
    actionlint = [tool("actionlint"), "-shellcheck=", "-pyflakes="]
    run_ok([*actionlint, *sorted(str(path) for path in workflows.iterdir())], tmp_path / "github")
    gitlab = tmp_path / "gitlab"
    gitlab.mkdir()
    for number, text in enumerate(distinct[".gitlab-ci.yml"]):
        (gitlab / f"{number}.gitlab-ci.yml").write_text(text, encoding="utf-8")
    schema = [tool("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci"]
    run_ok([*schema, *sorted(str(path) for path in gitlab.iterdir())], gitlab)

    counts = {path: len(texts) for path, texts in sorted(distinct.items())}
    with capsys.disabled():
        print(
            f"\n{renders} renderings of {len(combos)} combinations; distinct and checked: {counts}"
        )
    # Each file varies with the options it names; LICENSE has one text per answer here.
    assert counts["LICENSE"] == len(axes["license"])
    assert counts[".github/workflows/ci.yml"] > 1 and counts[".gitlab-ci.yml"] > 1


def test_the_renderer_writes_what_the_bake_wrote(
    renderer: Renderer, baked: Project, combo: Combo
) -> None:
    # The check above trusts renderings it made without baking: they must be what bakes write.
    context = renderer.context(combo.extra_context)
    contexts = [context]
    if combo.per_file_value is not None:  # rendered as the check above renders it too
        name, value = combo.per_file_value
        contexts.append(
            renderer.with_answer(renderer.context(combo.runs_as.extra_context), name, str(value))
        )
    files = set().union(*PER_FILE.values())
    on_disk = {
        path: (baked.root / path).read_text(encoding="utf-8")
        for path in files
        if (baked.root / path).is_file()
    }
    assert on_disk, "the bake wrote none of the files of the PER_FILE options"
    for rendering in contexts:
        assert renderer.render(rendering, files) == on_disk


def test_license_metadata_names_the_license(baked: Project, combo: Combo) -> None:
    project = tomllib.loads((baked.root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    answer = str(combo["license"])
    assert project["license"] == SPDX[answer]
    assert project["license-files"] == ["LICENSE"]
    private = "Private :: Do Not Upload" in project.get("classifiers", [])
    assert private == (answer == "proprietary")
    first_line = {
        "MIT": "MIT License",
        "Apache-2.0": "Apache License",
        "BSD-3-Clause": "BSD 3-Clause License",
        "proprietary": "Copyright (c) ",
    }[answer]
    assert (baked.root / "LICENSE").read_text(encoding="utf-8").lstrip().startswith(first_line)


def test_the_ci_files_use_the_uv_and_python_of_the_dockerfile(template: Path) -> None:
    # Three places install uv and pick a Python for the same project: they must not drift apart.
    project = template / "{{cookiecutter.__project_dir}}"
    dockerfile = (project / "Dockerfile").read_text(encoding="utf-8")
    github = (project / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    gitlab = (project / ".gitlab-ci.yml").read_text(encoding="utf-8")
    uv = set(re.findall(r"uv==([\d.]+)", dockerfile))
    python = set(re.findall(r"FROM python:([\d.]+)-slim", dockerfile))
    assert len(uv) == 1 and len(python) == 1, (uv, python)
    assert set(re.findall(r'\n\s+version: "([\d.]+)"', github)) == uv
    assert set(re.findall(r'python-version: "([\d.]+)"', github)) == python
    assert set(re.findall(r"uv==([\d.]+)", gitlab)) == uv
    assert set(re.findall(r"image: python:([\d.]+)-slim", gitlab)) == python
