"""Fuzz a running service with schemathesis: every operation of its OpenAPI document, every check.

Serve the service (`make run` in one terminal), then run `make fuzz` in another; `URL=...` and
`EXAMPLES=...` change the target and the effort.
{% if cookiecutter.use_auth %}

It signs in twice and fuzzes once as each: as a new user (registered through the API) and as an
admin (created with the create-admin command on the database of DATABASE_URL, so point it at
the database of the service you fuzz, never at production).
{% endif %}
"""

import argparse
{% if cookiecutter.use_auth %}
import secrets
{% endif %}
import subprocess
import sys
{% if cookiecutter.use_auth %}

import httpx

from {{ cookiecutter.package_name }}.core.routing import {{ "API_V2_PREFIX as API_PREFIX" if cookiecutter.api_versioning else "API_PREFIX" }}
{% endif %}

{% if cookiecutter.api_versioning %}
# Each API version is fuzzed on its own: the same resources answer under both prefixes, and the
# stateful checks would take a resource deleted under one for a resource lost under the other.
# The index (/) and /health go with the current version.
SCOPES = {"API v2": "^/((api/v2|health)/|$)", "API v1": "^/api/v1/"}
{% else %}
SCOPES = {"the API": "^/"}
{% endif %}


def schemathesis(
    url: str, max_examples: int, seed: int | None, headers: dict[str, str], paths: str
) -> int:
    command = [
        "schemathesis",
        "run",
        f"{url}/openapi.json",
        "--checks=all",
        f"--max-examples={max_examples}",
        f"--include-path-regex={paths}",
        # One at a time: results do not depend on the order in which requests interleave.
        "--workers=1",
    ]
    if seed is not None:
        command.append(f"--seed={seed}")
    command += [f"--header={name}: {value}" for name, value in headers.items()]
    return subprocess.run(command, check=False).returncode
{% if cookiecutter.use_auth %}


def bearer(client: httpx.Client, email: str, password: str) -> dict[str, str]:
    form = {"username": email, "password": password}
    response = client.post(f"{API_PREFIX}/auth/token", data=form)
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def signed_in_clients(url: str) -> dict[str, dict[str, str]]:
    """The headers of a new user and of a new admin, by name."""
    run = secrets.token_hex(4)
    user_email, admin_email = f"fuzz-user-{run}@example.com", f"fuzz-admin-{run}@example.com"
    password = secrets.token_urlsafe(16)
    cli = [sys.executable, "-m", "{{ cookiecutter.package_name }}.cli", "create-admin"]
    # `--password=...`: a random password may start with a dash.
    subprocess.run([*cli, f"--email={admin_email}", f"--password={password}"], check=True)
    with httpx.Client(base_url=url, timeout=10) as client:
        account = {"email": user_email, "password": password, "full_name": "Fuzz"}
        client.post(f"{API_PREFIX}/auth/register", json=account).raise_for_status()
        return {
            "user": bearer(client, user_email, password),
            "admin": bearer(client, admin_email, password),
        }
{% endif %}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the service's base URL")
    parser.add_argument("--max-examples", type=int, default=25, help="cases per operation")
    parser.add_argument("--seed", type=int, help="repeat a run: the seed it printed")
    args = parser.parse_args(argv)
    url = args.url.rstrip("/")
{% if cookiecutter.use_auth %}
    clients = signed_in_clients(url)
{% else %}
    # Without authentication every client is the same client.
    clients: dict[str, dict[str, str]] = {"anyone": {}}
{% endif %}
    failed = []
    for name, headers in clients.items():
        for scope, paths in SCOPES.items():
            print(f"--- fuzzing {scope} of {url} as {name}", flush=True)
            if schemathesis(url, args.max_examples, args.seed, headers, paths) != 0:
                failed.append(f"{scope} as {name}")
    if failed:
        print(f"--- schemathesis found problems in: {', '.join(failed)}", flush=True)
        return 1
    print("--- schemathesis found nothing", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
