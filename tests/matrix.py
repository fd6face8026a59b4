"""The combinations to test, derived from cookiecutter.json (never a hand-kept list).

Every key that does not start with `_` and whose value is a list of choices or a JSON boolean is an
axis; the matrix is the product of the axes, defaults first. Options that do not matter in a
combination (see RELEVANT_WHEN) are dropped from it, so combinations that only differ in such an
option collapse into one. The PER_FILE options are no axes of the product: every combination takes
their defaults, and one more combination per other value bakes it (see PER_FILE).
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

Value = str | bool
Options = Mapping[str, Value]

# option -> does it matter in this combination? An option with no entry always matters. Write each
# predicate so that it keeps the option when the option it depends on is not (yet) an axis.
RELEVANT_WHEN: dict[str, Callable[[Options], bool]] = {
    "celery_broker": lambda options: options.get("use_celery") is not False,
}


class Allowed(NamedTuple):
    """What a STATIC_ONLY option may change: paths, the names of settings in .env.example, and the
    keys of pyproject.toml's [project] table (each written on one line)."""

    paths: frozenset[str]
    settings: frozenset[str] = frozenset()
    project_keys: frozenset[str] = frozenset()


# Options that change only files the run and service tiers never execute or read (container files,
# CI files, docs, and settings that only those files use), with what they may change. Combinations
# that differ only in these options run those tiers once, on the one with these options at their
# defaults (its `runs_as`); the static tier checks every combination and proves that it differs
# from its `runs_as` in nothing else.
STATIC_ONLY: dict[str, Allowed] = {
    "use_docker": Allowed(
        frozenset({"Dockerfile", "compose.yaml", ".dockerignore", "README.md"}),
        # DATABASE_URL names compose's PostgreSQL (with its password) or one without compose; the
        # run and service tiers always set DATABASE_URL themselves, so they never read this one.
        frozenset({"POSTGRES_PASSWORD", "RABBITMQ_PASSWORD", "DATABASE_URL"}),
    ),
    "ci": Allowed(frozenset({".github/workflows/ci.yml", ".gitlab-ci.yml", "README.md"})),
    "license": Allowed(
        frozenset({"LICENSE", "README.md"}), project_keys=frozenset({"license", "classifiers"})
    ),
}

# STATIC_ONLY options checked per distinct file, not per combination, with the files they render.
# They are no axes of the product (which would multiply the static tier by their values): every
# combination takes their defaults, left out of its id, and one more combination per other value
# (the default combination with just that value changed) is baked and checked like any other.
# tests/test_per_file.py renders these files alone for every combination and every value, and
# checks each distinct rendering once.
PER_FILE: dict[str, frozenset[str]] = {
    "ci": frozenset({".github/workflows/ci.yml", ".gitlab-ci.yml"}),
    "license": frozenset({"LICENSE"}),
}


# The combinations that schemathesis fuzzes (its runs cost about a minute each), as the options
# that differ from the defaults; tests/test_matrix.py proves that together they take every value
# of every option that the run and service tiers run. Those that need a server run in the service
# tier, the others in the run tier.
FUZZED: tuple[Options, ...] = (
    {},
    {"use_auth": False},
    {"api_versioning": False},
    {"database": "postgresql", "use_celery": True},
    {
        "orm_mode": "sync",
        "database": "postgresql",
        "use_redis": True,
        "use_celery": True,
        "celery_broker": "rabbitmq",
    },
)


@dataclass(frozen=True)
class Axis:
    name: str
    values: tuple[Value, ...]  # the default first

    @property
    def default(self) -> Value:
        return self.values[0]


@dataclass(frozen=True)
class Combo:
    """One combination: the options that matter in it, in cookiecutter.json order."""

    options: tuple[tuple[str, Value], ...]
    # The default of every axis (not part of the combination's identity).
    defaults: tuple[tuple[str, Value], ...] = field(default=(), compare=False)
    # The PER_FILE options: those left out of `options` take their defaults.
    per_file: frozenset[str] = field(default=frozenset(), compare=False)

    def __getitem__(self, name: str) -> Value:
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def get(self, name: str, default: Value | None = None) -> Value | None:
        options = dict(self.options)
        if name not in options and name in self.per_file:
            return dict(self.defaults)[name]
        return options.get(name, default)

    @property
    def id(self) -> str:
        return "-".join(f"{name}={render(value)}" for name, value in self.options)

    @property
    def runs_as(self) -> Combo:
        """The combination whose run and service tiers stand for this one's: the same, with the
        STATIC_ONLY options at their defaults (the PER_FILE ones left out)."""
        static_only = STATIC_ONLY.keys() | self.per_file
        defaults = {name: value for name, value in self.defaults if name in static_only}
        options = tuple(
            (name, defaults.get(name, value))
            for name, value in self.options
            if name not in self.per_file
        )
        return Combo(options, self.defaults, self.per_file)

    @property
    def per_file_value(self) -> tuple[str, Value] | None:
        """The PER_FILE option this combination bakes at another value than its default."""
        return next(((name, value) for name, value in self.options if name in self.per_file), None)

    @property
    def is_default(self) -> bool:
        """Every option at its default: what `cookiecutter --no-input` bakes."""
        defaults = dict(self.defaults)
        return all(defaults.get(name) == value for name, value in self.options)

    @property
    def is_all_on(self) -> bool:
        """Every flag on, every choice at its default (the most code in one combination that
        still runs without a server)."""
        defaults = dict(self.defaults)
        return all(
            value is True if isinstance(value, bool) else defaults.get(name) == value
            for name, value in self.options
        )

    @property
    def changes(self) -> dict[str, Value]:
        """The options that differ from their defaults."""
        defaults = dict(self.defaults)
        return {name: value for name, value in self.options if defaults.get(name) != value}

    @property
    def is_fuzzed(self) -> bool:
        return self.changes in [dict(options) for options in FUZZED]

    @property
    def extra_context(self) -> dict[str, str]:
        """The options as a command-line user passes them (flags as yes/no)."""
        return {name: render(value) for name, value in self.options}


def render(value: Value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def axes_of(context: Mapping[str, object]) -> list[Axis]:
    """The axes of a cookiecutter.json context, in file order."""
    axes = []
    for name, value in context.items():
        if name.startswith("_"):
            continue
        if isinstance(value, bool):
            axes.append(Axis(name, (value, not value)))
        elif isinstance(value, list) and value:
            axes.append(Axis(name, tuple(str(choice) for choice in value)))
    return axes


def kept_options(
    full: Options,
    defaults: Options,
    relevant_when: Mapping[str, Callable[[Options], bool]] = RELEVANT_WHEN,
    per_file: Collection[str] = PER_FILE,
) -> tuple[tuple[str, Value], ...]:
    """A combination's identity: its options minus those that do not matter in it and the
    PER_FILE ones at their defaults."""
    return tuple(
        (name, value)
        for name, value in full.items()
        if (name not in relevant_when or relevant_when[name](full))
        and not (name in per_file and defaults[name] == value)
    )


def combinations(
    axes: list[Axis],
    relevant_when: Mapping[str, Callable[[Options], bool]] = RELEVANT_WHEN,
    per_file: Collection[str] = PER_FILE,
) -> list[Combo]:
    """The product of the axes but the PER_FILE ones, defaults first, with irrelevant options
    dropped and deduplicated; then one combination per other value of each PER_FILE option."""
    seen: dict[Combo, None] = {}
    defaults = {axis.name: axis.default for axis in axes}
    names = frozenset(axis.name for axis in axes) & frozenset(per_file)
    multiplied = [axis for axis in axes if axis.name not in names]

    def combo(full: Options) -> Combo:
        kept = kept_options(full, defaults, relevant_when, names)
        return Combo(kept, tuple(defaults.items()), names)

    for values in itertools.product(*(axis.values for axis in multiplied)):
        full = dict(zip((axis.name for axis in multiplied), values, strict=True))
        seen.setdefault(
            combo({name: full.get(name, default) for name, default in defaults.items()})
        )
    for axis in axes:
        if axis.name in names:
            for value in axis.values[1:]:
                seen.setdefault(combo({**defaults, axis.name: value}))
    return list(seen)


def load_context(template_dir: Path) -> dict[str, object]:
    context: dict[str, object] = json.loads(
        (template_dir / "cookiecutter.json").read_text(encoding="utf-8")
    )
    return context


def template_combinations(template_dir: Path) -> list[Combo]:
    return combinations(axes_of(load_context(template_dir)))


class UnknownCombination(ValueError):
    """A --combo that names no combination; its message is one line."""


FLAG_WORDS = {"yes": True, "true": True, "no": False, "false": False}
# Between two key=value pairs: blanks or commas, or the hyphen of a full id (one before `name=`).
PAIR_SEPARATOR = re.compile(r"[\s,]+|-(?=[A-Za-z_]\w*=)")


def resolve(spec: str, combos: list[Combo], axes: list[Axis]) -> Combo:
    """The combination a --combo names: a full id (`make combos`), or key=value pairs for just the
    options that differ from the defaults (`orm_mode=sync database=postgresql`). Flags take
    yes/no/true/false; options that do not matter in the result are dropped, as in the matrix."""
    by_name = {axis.name: axis for axis in axes}
    chosen: dict[str, Value] = {}
    problems: list[str] = []
    for pair in (part for part in PAIR_SEPARATOR.split(spec.strip()) if part):
        name, equals, text = pair.partition("=")
        axis = by_name.get(name)
        if not equals:
            problems.append(f"{pair!r} is not option=value")
        elif axis is None:
            near = difflib.get_close_matches(name, list(by_name), n=1)
            hint = f"did you mean {near[0]}?" if near else f"options: {', '.join(by_name)}"
            problems.append(f"no option {name!r} ({hint})")
        elif (value := parse_value(axis, text)) is None:
            choices = (
                "yes, no" if isinstance(axis.default, bool) else ", ".join(map(str, axis.values))
            )
            problems.append(f"{name}={text} is not one of {choices}")
        elif chosen.setdefault(name, value) != value:
            problems.append(f"{name} given twice")
    if not problems and not chosen:
        problems.append("names no option")
    full = {axis.name: chosen.get(axis.name, axis.default) for axis in axes}
    wanted = kept_options(full, {axis.name: axis.default for axis in axes})
    found = next((combo for combo in combos if combo.options == wanted), None)
    if found is None and not problems:
        problems.append("is not in the matrix")
    if found is None or problems:
        guess = "-".join(f"{name}={render(value)}" for name, value in wanted)
        nearest = difflib.get_close_matches(guess, [c.id for c in combos], n=3, cutoff=0.0)
        problem = "; ".join(problems)
        raise UnknownCombination(f"--combo {spec!r}: {problem}; nearest: {', '.join(nearest)}")
    return found


def parse_value(axis: Axis, text: str) -> Value | None:
    if isinstance(axis.default, bool):
        return FLAG_WORDS.get(text.lower())
    return text if text in axis.values else None


def select(combos: list[Combo], specs: list[str], axes: list[Axis]) -> list[Combo]:
    """The combinations named by --combo specs (all of them when there is none), in matrix order;
    a spec that names no combination raises UnknownCombination."""
    if not specs:
        return combos
    named = {resolve(spec, combos, axes) for spec in specs}
    return [combo for combo in combos if combo in named]


def default_combo(combos: list[Combo]) -> Combo:
    return next(combo for combo in combos if combo.is_default)


def all_on_combo(combos: list[Combo]) -> Combo:
    return next(combo for combo in combos if combo.is_all_on)


def runtime_combinations(combos: list[Combo]) -> list[Combo]:
    """The combinations the run and service tiers run: one per class of STATIC_ONLY twins."""
    return list(dict.fromkeys(combo.runs_as for combo in combos))


def runtime_options(combo: Combo) -> tuple[tuple[str, Value], ...]:
    """The options of a combination that its run and service tiers can tell apart."""
    static_only = STATIC_ONLY.keys() | combo.per_file
    return tuple((name, value) for name, value in combo.options if name not in static_only)
