"""The command line's frame: each feature adds its commands to `Commands` (see cli.py)."""

import argparse
from collections.abc import Callable

# A command: it gets the parsed arguments and returns what to print.
Run = Callable[[argparse.Namespace], str]


class CommandError(Exception):
    """A command that cannot do what was asked: its message is printed, and the exit code is 1."""


class UsageError(Exception):
    """Arguments a command refuses: printed with the usage, and the exit code is 2."""


class Commands:
    """The subcommands of the command line, by name."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._commands = parser.add_subparsers(dest="command", required=True)

    def add(self, name: str, help_text: str, run: Run) -> argparse.ArgumentParser:
        """A new command; the caller adds its arguments to the parser returned."""
        command = self._commands.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(run=run)
        return command
