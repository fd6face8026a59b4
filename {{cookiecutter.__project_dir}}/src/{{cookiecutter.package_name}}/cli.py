"""Commands for the people who run the service: `python -m {{ cookiecutter.package_name }}.cli --help`.

seed                                  fill an empty database with demo {{ "users, " if cookiecutter.use_auth else "" }}posts and tags
{% if cookiecutter.use_auth %}
create-admin --email E --password P   create an admin, or promote an existing user
delete-expired-tokens                 remove refresh tokens past their expiry
{% endif %}

Each feature adds its own commands; this module lists the features, as main.py does.
"""

import argparse
import sys
from collections.abc import Callable

{% if cookiecutter.use_auth %}
from .auth.cli import add_auth_commands
{% endif %}
from .core.cli import CommandError, Commands, UsageError
from .core.exceptions import DatabaseUnavailableError, is_database_outage
from .seed import add_seed_command

COMMANDS: list[Callable[[Commands], None]] = [
    add_seed_command,
{% if cookiecutter.use_auth %}
    add_auth_commands,  # create-admin, delete-expired-tokens
{% endif %}
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m {{ cookiecutter.package_name }}.cli")
    commands = Commands(parser)
    for add_commands in COMMANDS:
        add_commands(commands)
    args = parser.parse_args(argv)
    try:
        print(args.run(args))
    except UsageError as error:
        parser.error(str(error))
    except CommandError as error:
        print(error, file=sys.stderr)
        return 1
    except Exception as error:
        if not isinstance(error, DatabaseUnavailableError) and not is_database_outage(error):
            raise
        # One line that says why, not a traceback: the database is missing or away.
        cause = error.__cause__ if isinstance(error, DatabaseUnavailableError) else error
        reason = str(getattr(cause, "orig", None) or cause).strip().splitlines()[0]
        print(f"the database of DATABASE_URL does not answer: {reason}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
