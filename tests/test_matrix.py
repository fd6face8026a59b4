"""The combination matrix: derived from cookiecutter.json, collapsed where options don't matter."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

from tests.matrix import (
    RELEVANT_WHEN,
    STATIC_ONLY,
    Axis,
    axes_of,
    combinations,
    load_context,
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
    after = combinations(axes_of({**SYNTHETIC, "use_metrics": False, "ci": ["github", "gitlab"]}))
    assert len(after) == len(before) * 2 * 2
    assert after[0].id == before[0].id + "-use_metrics=no-ci=github"


def test_the_template_matrix_is_the_product_minus_collapsed_duplicates(template: Path) -> None:
    axes = axes_of(load_context(template))
    product = list(itertools.product(*(axis.values for axis in axes)))
    names = [axis.name for axis in axes]
    effective = set()
    for values in product:
        full = dict(zip(names, values, strict=True))
        relevant = {name: rule(full) for name, rule in RELEVANT_WHEN.items() if name in full}
        effective.add(tuple((n, v) for n, v in full.items() if relevant.get(n, True)))
    combos = template_combinations(template)
    assert len(product) == math.prod(len(axis.values) for axis in axes)
    assert len(combos) == len(effective)
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


def test_select_names_unknown_ids(template: Path) -> None:
    combos = template_combinations(template)
    assert select(combos, []) == combos
    assert select(combos, [combos[-1].id]) == [combos[-1]]
    with pytest.raises(ValueError, match="unknown combination"):
        select(combos, ["orm_mode=nonsense"])
