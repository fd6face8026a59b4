"""What services say happened to tags; features react to it after the commit (core/effects.py)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class TagListChanged:
    """A tag was created, renamed or deleted."""
