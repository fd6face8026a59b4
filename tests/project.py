"""Running commands in a baked project, and the serve check shared by the run and service tiers."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import NoReturn
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
LEAKY_VARIABLES = (
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
    "PYTHONPATH",
    "PYTHONHOME",
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
) -> str:
    """Run a command; fail the test with its command line, exit code and output tail if it fails."""
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
            f"$ {shown}  (in {cwd})\nexit code {completed.returncode}:\n{tail(completed.stdout)}",
            pytrace=False,
        )
    return completed.stdout


@dataclass(frozen=True)
class Project:
    """A baked project: its root folder and the name of its Python package."""

    root: Path
    package: str

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


def http(method: str, url: str, payload: object | None = None) -> Response:
    data = None if payload is None else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
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

    def __init__(self, process: subprocess.Popen[bytes], log_path: Path, base_url: str) -> None:
        self.process = process
        self.log_path = log_path
        self.base_url = base_url

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
        """Stop it as Ctrl-C does (SIGINT to its process group: `uv run` and uvicorn)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
                self.fail(f"the server did not stop within {STOP_TIMEOUT:.0f} s of SIGINT")
        return self.process.returncode


@contextmanager
def serving(project: Project, env: Mapping[str, str], log_dir: Path) -> Iterator[Server]:
    """Serve the project with uvicorn on a free port; on a clean exit, require a clean stop."""
    port = free_port()
    log_path = log_dir / f"uvicorn-{port}.log"
    command = [tool("uv"), "run", "--no-sync", "uvicorn", f"{project.package}.main:app"]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=project.root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, log_path, f"http://127.0.0.1:{port}")
    try:
        yield server
    except BaseException:
        server.stop()
        raise
    code = server.stop()
    # uvicorn re-raises the signal once shut down, so `uv run` reports it as 128 + SIGINT.
    if code not in {0, -signal.SIGINT, 128 + signal.SIGINT}:
        server.fail(f"the server exited with code {code} after SIGINT")
    if "Application shutdown complete" not in server.log():
        server.fail("the server stopped without completing the application's shutdown")


def check_serves(project: Project, env: Mapping[str, str], log_dir: Path) -> None:
    """Start the server, wait for readiness, create a user and read it back through Location."""
    user = {"email": "ada@example.com", "full_name": "Ada Lovelace"}
    with serving(project, env, log_dir) as server:
        server.wait_ready()
        created = http("POST", server.base_url + "/api/v1/users", user)
        if created.status != 201:
            server.fail(f"POST /api/v1/users gave {created.status}, not 201: {created.body}")
        location = created.headers.get("location")
        if not location:
            server.fail(f"POST /api/v1/users gave 201 without a Location header: {created.headers}")
        fetched = http("GET", urljoin(server.base_url + "/", location))
        if fetched.status != 200:
            server.fail(f"GET {location} gave {fetched.status}, not 200: {fetched.body}")
        body = fetched.json()
        assert isinstance(body, dict), f"GET {location} did not give a JSON object: {body!r}"
        assert body.get("email") == user["email"], f"GET {location} gave {body!r}"
