"""The combination matrix: derived from cookiecutter.json, collapsed where options don't matter."""

from __future__ import annotations

import itertools
import math
import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

from tests.covering import covering_array, runtime_coverage, whole_suite_combinations
from tests.matrix import (
    FUZZED,
    PER_FILE,
    RELEVANT_WHEN,
    STATIC_ONLY,
    Axis,
    Combo,
    UnknownCombination,
    all_on_combo,
    axes_of,
    combinations,
    default_combo,
    load_context,
    resolve,
    runtime_combinations,
    select,
    template_combinations,
)

SYNTHETIC = {
    "project_name": "My Service",
    "project_slug": "{{ cookiecutter.project_name | slugify }}",
    "orm_mode": ["async", "sync"],
    "use_docker": True,
    "use_celery": False,
    "celery_broker": ["redis", "rabbitmq"],
    "_extensions": ["local_extensions.LiteralFilters"],
    "__async": "{{ 'async ' if cookiecutter.orm_mode == 'async' else '' }}",
    "__prompts__": {"orm_mode": "SQLAlchemy mode"},
}


def test_axes_are_the_choice_lists_and_flags_defaults_first() -> None:
    assert axes_of(SYNTHETIC) == [
        Axis("orm_mode", ("async", "sync")),
        Axis("use_docker", (True, False)),
        Axis("use_celery", (False, True)),
        Axis("celery_broker", ("redis", "rabbitmq")),
    ]


def test_options_that_do_not_matter_collapse() -> None:
    combos = combinations(axes_of(SYNTHETIC))
    # 2 * 2 * 2 * 2 = 16, minus the 4 that differ only in the broker of a disabled Celery.
    assert len(combos) == 12
    assert [combo.id for combo in combos[:3]] == [
        "orm_mode=async-use_docker=yes-use_celery=no",
        "orm_mode=async-use_docker=yes-use_celery=yes-celery_broker=redis",
        "orm_mode=async-use_docker=yes-use_celery=yes-celery_broker=rabbitmq",
    ]


def test_combinations_that_differ_only_in_static_only_options_run_as_one() -> None:
    assert "use_docker" in STATIC_ONLY
    combos = combinations(axes_of(SYNTHETIC))
    runs_as = {combo.runs_as for combo in combos}

    assert len(runs_as) == len(combos) // 2
    assert all(combo.runs_as["use_docker"] is True for combo in combos)
    assert all(combo.runs_as in combos for combo in combos)
    without_docker = [combo for combo in combos if combo["use_docker"] is False]
    assert all(
        combo.runs_as.id == combo.id.replace("use_docker=no", "use_docker=yes")
        for combo in without_docker
    )


def test_a_rule_keeps_its_option_while_the_option_it_depends_on_is_not_an_axis() -> None:
    context = {name: value for name, value in SYNTHETIC.items() if name != "use_celery"}
    assert len(combinations(axes_of(context))) == 2 * 2 * 2


def test_a_new_option_in_cookiecutter_json_joins_the_matrix() -> None:
    before = combinations(axes_of(SYNTHETIC))
    after = combinations(axes_of({**SYNTHETIC, "use_metrics": False, "queue": ["memory", "disk"]}))
    assert len(after) == len(before) * 2 * 2
    assert after[0].id == before[0].id + "-use_metrics=no-queue=memory"


PER_FILE_SYNTHETIC = {**SYNTHETIC, "ci": ["github", "gitlab", "none"], "license": ["MIT", "BSD"]}


def test_per_file_options_add_one_combination_per_other_value_not_a_product() -> None:
    product = combinations(axes_of(SYNTHETIC))
    combos = combinations(axes_of(PER_FILE_SYNTHETIC), per_file={"ci", "license"})
    # The product of the other axes, then (3 - 1) + (2 - 1) more: not 12 * 3 * 2.
    assert len(combos) == len(product) + 2 + 1
    # At their defaults they are left out of the ids, which stay what they were without them.
    assert [combo.id for combo in combos[: len(product)]] == [combo.id for combo in product]
    assert all(
        (combo.get("ci"), combo.get("license")) == ("github", "MIT")
        for combo in combos[: len(product)]
    )
    extras = combos[len(product) :]
    default = combos[0]
    assert [combo.id for combo in extras] == [
        f"{default.id}-ci=gitlab",
        f"{default.id}-ci=none",
        f"{default.id}-license=BSD",
    ]
    assert [combo.per_file_value for combo in extras] == [
        ("ci", "gitlab"),
        ("ci", "none"),
        ("license", "BSD"),
    ]
    assert all(combo.per_file_value is None for combo in combos[: len(product)])
    # Each is the default combination with one value changed, and runs as it.
    assert all(combo.runs_as == default and combo.runs_as.id == default.id for combo in extras)
    assert extras[2]["license"] == "BSD" and extras[2]["ci"] == "github"
    assert not any(combo.is_default or combo.is_all_on for combo in extras)
    assert runtime_combinations(combos) == runtime_combinations(product)


def test_a_per_file_extra_combination_is_named_by_its_value(template: Path) -> None:
    combos = template_combinations(template)
    axes = axes_of(load_context(template))
    default = default_combo(combos)
    for name in PER_FILE:
        values = next(axis.values for axis in axes if axis.name == name)
        assert resolve(f"{name}={values[0]}", combos, axes) == default
        for value in values[1:]:
            extra = resolve(f"{name}={value}", combos, axes)
            assert extra.per_file_value == (name, value)
            assert extra.id == f"{default.id}-{name}={value}"
            assert extra.runs_as == default
    # They join no product: the matrix grows by their other values only.
    extras = [combo for combo in combos if combo.per_file_value is not None]
    per_file_axes = [axis for axis in axes if axis.name in PER_FILE]
    assert len(extras) == sum(len(axis.values) - 1 for axis in per_file_axes)


def test_the_template_matrix_is_the_product_minus_collapsed_duplicates(template: Path) -> None:
    all_axes = axes_of(load_context(template))
    axes = [axis for axis in all_axes if axis.name not in PER_FILE]
    product = list(itertools.product(*(axis.values for axis in axes)))
    names = [axis.name for axis in axes]
    effective = set()
    for values in product:
        full = dict(zip(names, values, strict=True))
        relevant = {name: rule(full) for name, rule in RELEVANT_WHEN.items() if name in full}
        effective.add(tuple((n, v) for n, v in full.items() if relevant.get(n, True)))
    combos = template_combinations(template)
    extras = sum(len(axis.values) - 1 for axis in all_axes if axis.name in PER_FILE)
    assert len(product) == math.prod(len(axis.values) for axis in axes)
    assert len(combos) == len(effective) + extras
    assert len({combo.id for combo in combos}) == len(combos), "combination ids must be unique"
    assert axes, "cookiecutter.json has no choice or flag options"


def test_the_first_combination_is_all_defaults(template: Path) -> None:
    axes = axes_of(load_context(template))
    first = template_combinations(template)[0]
    assert dict(first.options) == {
        axis.name: axis.default for axis in axes if axis.name in dict(first.options)
    }


def test_cookiecutter_reads_the_combination_as_a_command_line_user_passes_it(
    template: Path,
) -> None:
    # Flags go in as "yes"/"no"; cookiecutter 2.2+ must turn them into booleans.
    for combo in template_combinations(template):
        context = prompt_for_config(
            generate_context(
                context_file=str(template / "cookiecutter.json"), extra_context=combo.extra_context
            ),
            no_input=True,
        )
        for name, value in combo.options:
            assert context[name] == value, f"{combo.id}: {name} became {context[name]!r}"
            assert not isinstance(value, bool) or combo.extra_context[name] in {"yes", "no"}


def test_select_takes_full_ids_or_the_options_that_differ_from_the_defaults(
    template: Path,
) -> None:
    combos = template_combinations(template)
    axes = axes_of(load_context(template))
    assert select(combos, [], axes) == combos
    assert select(combos, [combos[-1].id], axes) == [combos[-1]]
    picked = resolve("orm_mode=sync database=postgresql", combos, axes)
    assert dict(picked.options) == {
        axis.name: {"orm_mode": "sync", "database": "postgresql"}.get(axis.name, axis.default)
        for axis in axes
        if axis.name in dict(picked.options)
    }
    # Flags in any of the spellings a user types, and the hyphens of ids between pairs.
    for flag in ("yes", "true", "Yes", "TRUE"):
        celery = resolve(f"use_celery={flag}-celery_broker=rabbitmq", combos, axes)
        assert (celery["use_celery"], celery["celery_broker"]) == (True, "rabbitmq")
    assert resolve("use_auth=false", combos, axes)["use_auth"] is False
    # An option that does not matter in the combination is dropped, as in the matrix.
    assert resolve("celery_broker=rabbitmq", combos, axes) == default_combo(combos)


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("orm_mode=nonsense", "orm_mode=nonsense is not one of async, sync"),
        ("orm_mod=sync", "no option 'orm_mod' (did you mean orm_mode?)"),
        ("use_auth=maybe", "use_auth=maybe is not one of yes, no"),
        ("sync", "'sync' is not option=value"),
        ("use_auth=no use_auth=yes", "use_auth given twice"),
        ("", "names no option"),
    ],
)
def test_a_bad_combo_is_one_line_with_the_nearest_ids(
    template: Path, spec: str, problem: str
) -> None:
    combos = template_combinations(template)
    axes = axes_of(load_context(template))
    with pytest.raises(UnknownCombination) as raised:
        select(combos, [spec], axes)
    message = str(raised.value)
    assert "\n" not in message
    assert problem in message
    nearest = message.split("nearest: ", 1)[1].split(", ")
    assert len(nearest) == 3
    assert set(nearest) <= {combo.id for combo in combos}


def test_pytest_answers_a_bad_combo_with_one_line_and_a_usage_error(template: Path) -> None:
    args = ["-p", "no:xdist", "--collect-only", "-q", "--combo", "orm_mode=sync databse=postgresql"]
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=template,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == pytest.ExitCode.USAGE_ERROR, completed.stdout
    errors = [line for line in completed.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, completed.stderr
    assert "no option 'databse' (did you mean database?)" in errors[0]
    assert "nearest: orm_mode=sync-database=" in errors[0]


def test_the_default_and_the_all_on_combination(template: Path) -> None:
    combos = template_combinations(template)
    default, all_on = default_combo(combos), all_on_combo(combos)
    assert default == combos[0]
    flags = [value for _, value in all_on.options if isinstance(value, bool)]
    assert flags and all(flags)
    choices = {name: value for name, value in all_on.options if not isinstance(value, bool)}
    assert choices == {name: dict(default.defaults)[name] for name in choices}
    assert [combo for combo in combos if combo.is_default] == [default]
    assert [combo for combo in combos if combo.is_all_on] == [all_on]


def test_the_fuzzed_combinations_exist_and_take_every_value_that_runs(template: Path) -> None:
    combos = template_combinations(template)
    fuzzed = [combo for combo in combos if combo.is_fuzzed]
    assert len(fuzzed) == len(FUZZED), "an entry of FUZZED names no combination"
    for axis in axes_of(load_context(template)):
        if axis.name in STATIC_ONLY:
            continue
        taken = {combo.get(axis.name) for combo in fuzzed} - {None}  # None: it does not matter
        assert taken == set(axis.values), f"the fuzzed combinations miss a value of {axis.name}"


TOY = {
    "shape": ["round", "square", "star"],
    "size": ["small", "large"],
    "paint": True,
    "glue": False,
    "use_celery": False,
    "celery_broker": ["redis", "rabbitmq"],
}


def has(combo: Combo, wanted: dict[str, object]) -> bool:
    options = dict(combo.options)
    return all(name in options and options[name] == value for name, value in wanted.items())


def brute_force_uncovered(chosen: list[Combo], combos: list[Combo]) -> list[dict[str, object]]:
    """Every assignment of values to 3 options that some combination has and no chosen one does,
    found by trying every one (independently of tests/covering.py)."""
    runtime = runtime_combinations(combos)
    names = [name for name in dict(runtime[0].defaults) if name not in STATIC_ONLY]
    values = {
        name: list(dict.fromkeys(dict(c.options)[name] for c in runtime if name in dict(c.options)))
        for name in names
    }
    uncovered = []
    for triple in itertools.combinations(names, 3):
        for assignment in itertools.product(*(values[name] for name in triple)):
            wanted: dict[str, object] = dict(zip(triple, assignment, strict=True))
            if any(has(c, wanted) for c in runtime) and not any(has(c, wanted) for c in chosen):
                uncovered.append(wanted)
    return uncovered


@pytest.mark.parametrize("source", ["template", "toy"])
def test_the_covering_array_has_every_3_way_tuple_that_occurs(template: Path, source: str) -> None:
    combos = template_combinations(template) if source == "template" else combinations(axes_of(TOY))
    chosen = whole_suite_combinations(combos)
    runtime = runtime_combinations(combos)
    assert brute_force_uncovered(chosen, combos) == []
    assert runtime_coverage(chosen, combos) == 1.0
    assert default_combo(runtime) in chosen and all_on_combo(runtime) in chosen
    assert set(chosen) <= set(runtime) and len(set(chosen)) == len(chosen)
    assert len(chosen) < len(runtime), "a covering array that is the whole matrix saves nothing"
    # Two combinations cannot hold the 8 value tuples of three flags; both measures see the gap.
    assert brute_force_uncovered(chosen[:2], combos) != []
    assert runtime_coverage(chosen[:2], combos) < 1.0


def test_the_builder_covers_a_toy_with_every_tuple_distinct() -> None:
    # 4 free binary options at strength 3: every row covers 4 of the 32 tuples, so at least 8.
    rows = list(itertools.product((0, 1), repeat=4))
    options_of = {row: tuple((f"o{i}", v) for i, v in enumerate(row)) for row in rows}
    chosen = covering_array(rows, options_of, strength=3)
    assert 8 <= len(chosen) < len(rows)
    for triple in itertools.combinations(range(4), 3):
        seen = {tuple(row[i] for i in triple) for row in chosen}
        assert len(seen) == 8, (triple, seen)
