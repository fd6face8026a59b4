"""Running commands in a baked project, and the serve check shared by the run and service tiers."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urljoin

import pytest

TAIL_LINES = 60
# How the generated tests are run: quiet, with short tracebacks and without captured logs, so that
# a failure's tail shows the failing assertions (these flags change the report, not the tests).
PYTEST_QUIET = ("-q", "--tb=short", "--show-capture=no")
READY_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0

# Variables that must not reach a baked project from the shell that runs the tests: they would
# select another interpreter or environment, or change how the generated tests run. Every setting
# the project documents in .env.example is removed too (see Project.env).
# PYTHONDONTWRITEBYTECODE would make every command recompile the whole application and its
# libraries (about 2 s per process); without it the first command of a combination writes the
# bytecode and the others reuse it.
LEAKY_VARIABLES = (
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
    "PYTHONPATH",
    "PYTHONHOME",
    "PYTHONDONTWRITEBYTECODE",
    "UV_PROJECT_ENVIRONMENT",
)
LEAKY_PREFIXES = ("PYTEST_",)


def tool(name: str) -> str:
    """A command-line tool of the template repo: from this venv first, then from PATH."""
    beside_python = Path(sys.executable).parent / name
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} not found beside {sys.executable} nor on PATH: run `make setup`")
    return found


def tail(text: str, lines: int = TAIL_LINES) -> str:
    kept = text.rstrip().splitlines()[-lines:]
    return "\n".join(kept)


def run_ok(
    args: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
    shown_lines: int = TAIL_LINES,
) -> str:
    """Run a command; fail the test with its command line, exit code and the last `shown_lines`
    of its output if it fails."""
    shown = " ".join(args)
    try:
        completed = subprocess.run(
            args,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        output = error.output or ""
        if isinstance(output, bytes):
            output = output.decode(errors="replace")
        message = f"$ {shown}  (in {cwd})\ntimed out after {timeout} s:\n{tail(output)}"
        pytest.fail(message, pytrace=False)
    if completed.returncode != 0:
        pytest.fail(
            f"$ {shown}  (in {cwd})\nexit code {completed.returncode}:\n"
            f"{tail(completed.stdout, shown_lines)}",
            pytrace=False,
        )
    return completed.stdout


@dataclass(frozen=True)
class Project:
    """A baked project: its root folder, the name of its Python package, and the prefix of its
    current API version (`/api/v2` with api_versioning, `/api` without)."""

    root: Path
    package: str
    api: str

    def documented_settings(self) -> set[str]:
        example = self.root / ".env.example"
        if not example.exists():
            return set()
        lines = example.read_text(encoding="utf-8").splitlines()
        return {
            line.split("=", 1)[0].strip().removeprefix("export ").strip()
            for line in lines
            if "=" in line and not line.lstrip().startswith("#")
        }

    def env(self, **settings: str) -> dict[str, str]:
        """The environment for commands in the project: the caller's, minus anything that could
        leak into it (DATABASE_URL and every other documented setting included), plus settings."""
        dropped = {*LEAKY_VARIABLES, "DATABASE_URL", *self.documented_settings()}
        env = {
            name: value
            for name, value in os.environ.items()
            if name not in dropped and not name.startswith(LEAKY_PREFIXES)
        }
        env.update(UV_PYTHON_DOWNLOADS="never", NO_COLOR="1")
        env.update(settings)
        return env

    def run(self, *args: str, env: Mapping[str, str] | None = None, timeout: float = 600) -> str:
        return run_ok(args, self.root, self.env() if env is None else env, timeout)

    def uv_run(self, *args: str, env: Mapping[str, str] | None = None, timeout: float = 600) -> str:
        """`uv run` in the environment `uv sync` made once; never syncs again."""
        return self.run(tool("uv"), "run", "--no-sync", *args, env=env, timeout=timeout)


@dataclass(frozen=True)
class Response:
    status: int
    headers: Mapping[str, str]  # names in lower case
    body: str

    def json(self) -> object:
        return json.loads(self.body)


def http(
    method: str,
    url: str,
    payload: object | None = None,
    *,
    form: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """One request; `payload` is sent as JSON, `form` as an urlencoded form."""
    request = urllib.request.Request(url, method=method, headers=dict(headers or {}))
    if payload is not None:
        request.data = json.dumps(payload).encode()
        request.add_header("Content-Type", "application/json")
    elif form is not None:
        request.data = urllib.parse.urlencode(form).encode()
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Response(response.status, _lower(response.headers), response.read().decode())
    except urllib.error.HTTPError as error:
        return Response(error.code, _lower(error.headers), error.read().decode())


def _lower(headers: Message) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """A uvicorn process serving the project; `log()` is everything it printed so far."""

    def __init__(
        self, process: subprocess.Popen[bytes], log_path: Path, base_url: str, api_prefix: str
    ) -> None:
        self.process = process
        self.log_path = log_path
        self.base_url = base_url
        # The current API version's base URL.
        self.api = base_url + api_prefix

    def log(self) -> str:
        return tail(self.log_path.read_text(encoding="utf-8", errors="replace"))

    def fail(self, message: str) -> NoReturn:
        pytest.fail(f"{message}\n--- server output ---\n{self.log()}", pytrace=False)

    def wait_ready(self, path: str = "/health/ready") -> None:
        deadline = time.monotonic() + READY_TIMEOUT
        last = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.fail(f"the server exited with code {self.process.returncode} before {path}")
            try:
                response = http("GET", self.base_url + path)
            except OSError as error:
                last = repr(error)
            else:
                if response.status == 200:
                    return
                last = f"{response.status} {response.body[:500]}"
            time.sleep(0.25)
        self.fail(f"GET {path} gave no 200 within {READY_TIMEOUT:.0f} s; last: {last}")

    def stop(self) -> int:
        """Stop it as Ctrl-C does: one SIGINT to uvicorn."""
        if not stop_process(self.process, signal.SIGINT, STOP_TIMEOUT):
            self.fail(f"the server did not stop within {STOP_TIMEOUT:.0f} s of SIGINT")
        return self.process.returncode


def start_logged(
    command: Sequence[str], cwd: Path, env: Mapping[str, str], log_path: Path
) -> subprocess.Popen[bytes]:
    """Start a long-running program in a session of its own, its output going to `log_path`."""
    with log_path.open("wb") as log:
        return subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_process(process: subprocess.Popen[bytes], signum: int, timeout: float) -> bool:
    """Send `signum` to a process that runs in a session of its own and wait for it to exit;
    past `timeout`, kill its whole group and return False."""
    if process.poll() is None:
        os.kill(process.pid, signum)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return False
    return True


@contextmanager
def serving(project: Project, env: Mapping[str, str], log_dir: Path) -> Iterator[Server]:
    """Serve the project with uvicorn on a free port; on a clean exit, require a clean stop."""
    port = free_port()
    log_path = log_dir / f"uvicorn-{port}.log"
    # The environment's own uvicorn, not `uv run`: uv forwards signals to its child, so a SIGINT
    # to both could reach uvicorn twice and interrupt its shutdown.
    command = [str(project.root / ".venv" / "bin" / "uvicorn"), f"{project.package}.main:app"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    process = start_logged(command, project.root, env, log_path)
    server = Server(process, log_path, f"http://127.0.0.1:{port}", project.api)
    try:
        yield server
    except BaseException:
        server.stop()
        raise
    code = server.stop()
    # uvicorn re-raises the signal once shut down: killed by SIGINT, or 128 + SIGINT.
    if code not in {0, -signal.SIGINT, 128 + signal.SIGINT}:
        server.fail(f"the server exited with code {code} after SIGINT")
    if "Application shutdown complete" not in server.log():
        server.fail("the server stopped without completing the application's shutdown")


PASSWORD = "correct horse battery staple"


def sign_up(server: Server, *, auth: bool) -> tuple[dict[str, object], dict[str, str]]:
    """Create a user as a client would (with auth: register, then log in); return the user and
    the headers that act as them."""
    user = {"email": "ada@example.com", "full_name": "Ada Lovelace"}
    api = server.api
    if not auth:
        created = expect(server, "POST", f"{api}/users", 201, payload=user).json()
        assert isinstance(created, dict), f"the created user is not a JSON object: {created!r}"
        return created, {}
    expect(server, "POST", f"{api}/auth/register", 201, payload=user | {"password": PASSWORD})
    bearer = log_in(server, user["email"])
    me = expect(server, "GET", f"{api}/users/me", 200, headers=bearer).json()
    assert isinstance(me, dict), f"/users/me gave {me!r}"
    assert me.get("email") == user["email"], f"/users/me gave {me!r}"
    return me, bearer


def log_in(server: Server, email: str) -> dict[str, str]:
    """The headers of a fresh login of a user that sign_up registered."""
    login = {"username": email, "password": PASSWORD}
    tokens = expect(server, "POST", f"{server.api}/auth/token", 200, form=login)
    body = tokens.json()
    assert isinstance(body, dict), f"/auth/token gave {body!r}"
    return {"Authorization": f"Bearer {body['access_token']}"}


def sign_in_admin(project: Project, env: Mapping[str, str], server: Server) -> dict[str, str]:
    """The headers of an admin made as the project's README says (its create-admin command, on
    the server's database); with auth off, none are needed."""
    email = "admin@example.com"
    command = ("python", "-m", f"{project.package}.cli", "create-admin", "--email", email)
    project.uv_run(*command, "--password", PASSWORD, env=env)
    return log_in(server, email)


def post_payload(
    author: Mapping[str, object], headers: Mapping[str, str], **fields: object
) -> dict[str, object]:
    """A new published post by `author` (anyone may read it): its headers name the author with
    auth, `author_id` without."""
    post: dict[str, object] = {
        "title": "Served",
        "body": "by a real server",
        "published": True,
        **fields,
    }
    if not headers:
        post["author_id"] = author["id"]
    return post


def create_post(server: Server, author: Mapping[str, object], headers: Mapping[str, str]) -> str:
    """Create a post as `author`; return its URL (from the Location header)."""
    posts = f"{server.api}/posts"
    payload = post_payload(author, headers)
    created = expect(server, "POST", posts, 201, payload=payload, headers=headers)
    return location_of(server, created)


def poll(
    server: Server, url: str, what: str, done: Callable[[dict[str, Any]], bool], timeout: float
) -> dict[str, Any]:
    """GET `url` until `done(body)`; fail naming `what` with the last body after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        body = expect(server, "GET", url, 200).json()
        assert isinstance(body, dict), body
        if done(body):
            return body
        if time.monotonic() > deadline:
            server.fail(f"{what} did not happen within {timeout:.0f} s: {body}")
        time.sleep(0.1)


# Cases per operation: enough to try every field's bounds, few enough for about a minute a run.
FUZZ_EXAMPLES = 10
# One seed, so that a run of the template's tests is repeatable; `make fuzz` alone varies it.
FUZZ_SEED = 20261201
FUZZ_TIMEOUT = 1200.0


def check_fuzzing_finds_nothing(project: Project, env: Mapping[str, str], log_dir: Path) -> str:
    """Serve the project and run its `make fuzz` against it, as its owner would: schemathesis with
    every check, signed in as a user and as an admin where auth is on. Returns the output."""
    with serving(project, env, log_dir) as server:
        server.wait_ready()
        command = ["make", "fuzz", f"URL={server.base_url}", f"EXAMPLES={FUZZ_EXAMPLES}"]
        command.append(f"SEED={FUZZ_SEED}")
        # On failure, every problem schemathesis reports, not just the last screen of them.
        output = run_ok(command, project.root, env, FUZZ_TIMEOUT, shown_lines=400)
    assert "schemathesis found nothing" in output, tail(output)
    return output


def check_serves(
    project: Project,
    env: Mapping[str, str],
    log_dir: Path,
    *,
    auth: bool,
    broker: bool = True,
) -> None:
    """Start the server, wait for readiness, then use it as a client would: create a user (with
    auth: register and log in), create a post and read it back through its Location. Without a
    broker (`broker=False`, for a service that sends a task for each new post), creating the post
    must answer 503 and write nothing."""
    with serving(project, env, log_dir) as server:
        server.wait_ready()
        author, headers = sign_up(server, auth=auth)
        posts = f"{server.api}/posts"
        if auth:
            expect(server, "POST", posts, 401, payload={"title": "Served", "body": "by a server"})
        if not broker:
            payload = post_payload(author, headers)
            expect(server, "POST", posts, 503, payload=payload, headers=headers)
            listed = expect(server, "GET", posts, 200).json()
            assert isinstance(listed, dict) and listed["items"] == [], listed
            return
        post_url = create_post(server, author, headers)
        body = expect(server, "GET", post_url, 200).json()
        assert isinstance(body, dict), f"the created post is not a JSON object: {body!r}"
        assert body.get("author_id") == author["id"], f"the created post reads back as {body!r}"
        if project.api == "/api/v2":
            check_versions(server, post_url, create_post(server, author, headers))
        else:
            check_single_api(server, post_url)


DEPRECATION_HEADERS = ("deprecation", "sunset", "link")


def check_versions(server: Server, older_post: str, newer_post: str) -> None:
    """api_versioning as a client sees it: v1 serves the same posts with Deprecation, Sunset and a
    successor Link to v2; v2 lists posts by cursor and refuses a forged one with a 422 problem;
    /openapi.json shows both versions, grouped, v1 deprecated."""
    v2_path = urllib.parse.urlsplit(older_post).path
    if not v2_path.startswith("/api/v2/posts/"):
        server.fail(f"POST /api/v2/posts gave Location {older_post}")
    v1_post = older_post.replace("/api/v2/", "/api/v1/", 1)
    current = expect(server, "GET", older_post, 200)
    deprecated = expect(server, "GET", v1_post, 200)
    assert deprecated.json() == current.json(), (deprecated.body, current.body)
    assert not set(DEPRECATION_HEADERS) & set(current.headers), current.headers
    since = deprecated.headers.get("deprecation", "")
    assert re.fullmatch(r"@\d+", since), f"Deprecation: {since!r}"
    sunset = parsedate_to_datetime(deprecated.headers.get("sunset", ""))
    assert sunset.timestamp() > int(since[1:]), deprecated.headers
    successor = f'<{v2_path}>; rel="successor-version"'
    assert deprecated.headers.get("link") == successor, deprecated.headers
    missing = expect(server, "GET", f"{server.base_url}/api/v1/posts/999999", 404)
    assert missing.headers.get("link") == '</api/v2/posts/999999>; rel="successor-version"'

    walked: list[object] = []
    page_url = f"{server.api}/posts?limit=1"
    for _ in range(3):
        page = expect(server, "GET", page_url, 200).json()
        assert isinstance(page, dict) and set(page) == {"items", "next_cursor"}, page
        walked += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        page_url = f"{server.api}/posts?" + urllib.parse.urlencode(
            {"limit": 1, "cursor": page["next_cursor"]}
        )
    ids = [int(url.rsplit("/", 1)[1]) for url in (newer_post, older_post)]
    assert walked == ids, f"walking /api/v2/posts by cursor gave {walked}, not {ids}"
    forged = expect(server, "GET", f"{server.api}/posts?cursor=forged.cursor", 422)
    assert forged.headers.get("content-type") == "application/problem+json", forged.headers

    schema = expect(server, "GET", f"{server.base_url}/openapi.json", 200).json()
    assert isinstance(schema, dict), schema
    v1_list = schema["paths"]["/api/v1/posts"]["get"]
    v2_list = schema["paths"]["/api/v2/posts"]["get"]
    assert (v1_list["tags"], v1_list.get("deprecated")) == (["v1 posts"], True), v1_list
    assert (v2_list["tags"], v2_list.get("deprecated")) == (["v2 posts"], None), v2_list


def check_single_api(server: Server, post_url: str) -> None:
    """api_versioning off: everything under /api, no version prefix, no deprecation headers."""
    if not urllib.parse.urlsplit(post_url).path.startswith("/api/posts/"):
        server.fail(f"POST /api/posts gave Location {post_url}")
    served = expect(server, "GET", post_url, 200)
    assert not set(DEPRECATION_HEADERS) & set(served.headers), served.headers
    page = expect(server, "GET", f"{server.api}/posts?limit=1&offset=0", 200).json()
    assert isinstance(page, dict) and page["total"] == 1, page
    expect(server, "GET", f"{server.base_url}/api/v1/posts", 404)


def expect(
    server: Server,
    method: str,
    url: str,
    status: int,
    *,
    payload: object | None = None,
    form: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    response = http(method, url, payload, form=form, headers=headers)
    if response.status != status:
        server.fail(f"{method} {url} gave {response.status}, not {status}: {response.body}")
    return response


def location_of(server: Server, created: Response) -> str:
    location = created.headers.get("location")
    if not location:
        server.fail(f"a 201 came without a Location header: {created.headers}")
    return urljoin(server.base_url + "/", location)
