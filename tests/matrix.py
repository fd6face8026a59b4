"""The combinations to test, derived from cookiecutter.json (never a hand-kept list).

Every key that does not start with `_` and whose value is a list of choices or a JSON boolean is an
axis; the matrix is the product of the axes, defaults first. Options that do not matter in a
combination (see RELEVANT_WHEN) are dropped from it, so combinations that only differ in such an
option collapse into one.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

Value = str | bool
Options = Mapping[str, Value]

# option -> does it matter in this combination? An option with no entry always matters. Write each
# predicate so that it keeps the option when the option it depends on is not (yet) an axis.
RELEVANT_WHEN: dict[str, Callable[[Options], bool]] = {
    "celery_broker": lambda options: options.get("use_celery") is not False,
}


# Options that change only files the run and service tiers never execute or read (container files,
# docs, and settings that only those files use), with what they may change: paths, and the names
# of settings in .env.example. Combinations that differ only in these options run those tiers
# once, on the one with these options at their defaults (its `runs_as`); the static tier checks
# every combination and proves that it differs from its `runs_as` in nothing else.
STATIC_ONLY: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "use_docker": (
        frozenset({"Dockerfile", "compose.yaml", ".dockerignore", "README.md"}),
        frozenset({"POSTGRES_PASSWORD", "RABBITMQ_PASSWORD"}),
    ),
}


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
    # The defaults of the STATIC_ONLY options (not part of the combination's identity).
    static_only_defaults: tuple[tuple[str, Value], ...] = field(default=(), compare=False)

    def __getitem__(self, name: str) -> Value:
        return dict(self.options)[name]

    def get(self, name: str, default: Value | None = None) -> Value | None:
        return dict(self.options).get(name, default)

    @property
    def id(self) -> str:
        return "-".join(f"{name}={render(value)}" for name, value in self.options)

    @property
    def runs_as(self) -> Combo:
        """The combination whose run and service tiers stand for this one's: the same, with the
        STATIC_ONLY options at their defaults."""
        defaults = dict(self.static_only_defaults)
        options = tuple((name, defaults.get(name, value)) for name, value in self.options)
        return Combo(options, self.static_only_defaults)

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


def combinations(
    axes: list[Axis], relevant_when: Mapping[str, Callable[[Options], bool]] = RELEVANT_WHEN
) -> list[Combo]:
    """The product of the axes, defaults first, with irrelevant options dropped and deduplicated."""
    seen: dict[Combo, None] = {}
    static_only_defaults = tuple(
        (axis.name, axis.default) for axis in axes if axis.name in STATIC_ONLY
    )
    for values in itertools.product(*(axis.values for axis in axes)):
        full = dict(zip((axis.name for axis in axes), values, strict=True))
        kept = tuple(
            (name, value)
            for name, value in full.items()
            if name not in relevant_when or relevant_when[name](full)
        )
        seen.setdefault(Combo(kept, static_only_defaults))
    return list(seen)


def load_context(template_dir: Path) -> dict[str, object]:
    context: dict[str, object] = json.loads(
        (template_dir / "cookiecutter.json").read_text(encoding="utf-8")
    )
    return context


def template_combinations(template_dir: Path) -> list[Combo]:
    return combinations(axes_of(load_context(template_dir)))


def select(combos: list[Combo], ids: list[str]) -> list[Combo]:
    """The combinations named by ids (all of them when ids is empty); an unknown id is an error."""
    known = {combo.id: combo for combo in combos}
    unknown = [combo_id for combo_id in ids if combo_id not in known]
    if unknown:
        listing = "\n  ".join(known)
        raise ValueError(f"unknown combination {unknown}; known ones:\n  {listing}")
    return [combo for combo in combos if not ids or combo.id in ids]
