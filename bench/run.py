"""Load benchmark of generated services against a raw Starlette + asyncpg baseline.

`make bench` bakes the chosen combinations (default: async and sync on PostgreSQL, Redis and
Celery off), installs each from its own pyproject, seeds one database (10,000 posts over 100
authors, with tags) and copies it for every server, serves each with uvicorn (one worker,
production settings) and drives it with wrk on loopback. `make bench-smoke` runs the same path
with 1-second runs, once, so CI proves the bench works; timing is never a pass/fail test.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BUILD = ROOT / "build" / "bench"
RESULTS = BENCH / "results"
POSTGRES_URL = os.environ.get("POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")

# The combinations to compare (cookiecutter answers); `--set key=value` changes all of them.
COMBINATIONS: dict[str, dict[str, str]] = {
    "async": {"orm_mode": "async", "database": "postgresql"},
    "sync": {"orm_mode": "sync", "database": "postgresql"},
}
# Nothing is served from a cache and no broker is needed: the database path is what is measured.
COMMON_ANSWERS = {"use_redis": "no", "use_celery": "no", "use_docker": "no"}
RAW = "raw"

POSTS = 10_000
AUTHORS = 100
TAGS = 20
WORDS = [
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
]
READY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    script: str | None  # bench/wrk/<script>.lua, or a plain GET of the URL


ENDPOINTS = {
    "health": Endpoint("health", "GET", None),
    "post by id": Endpoint("post by id", "GET", "post"),
    "list (offset)": Endpoint("list (offset)", "GET", None),
    "list (keyset)": Endpoint("list (keyset)", "GET", None),
    "create post": Endpoint("create post", "POST", "create"),
}


@dataclass
class Target:
    """One server under load: a generated service, or the raw baseline."""

    name: str
    auth: bool
    versioned: bool
    root: Path | None = None  # the baked project; None for the raw baseline
    package: str = ""
    # Settings the server gets besides the bench's own (a --variant).
    settings: tuple[tuple[str, str], ...] = ()

    @property
    def api(self) -> str:
        return "/api/v2" if self.versioned else "/api"

    def url_of(self, endpoint: str, base: str) -> str:
        if endpoint == "health":
            return f"{base}/health/live"
        if endpoint == "list (offset)":
            if self.root is None:
                return f"{base}{self.api}/posts?limit=20&offset=0"
            prefix = "/api/v1" if self.versioned else self.api
            return f"{base}{prefix}/posts?limit=20&offset=0"
        if endpoint == "list (keyset)":
            return f"{base}{self.api}/posts?limit=20"
        return f"{base}{self.api}/posts"


@dataclass
class Measurement:
    requests: int
    duration_us: int
    connect: int
    read: int
    write: int
    status: int
    timeout: int
    p50_us: int
    p99_us: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / (self.duration_us / 1_000_000) if self.duration_us else 0.0

    @property
    def errors(self) -> int:
        """Failed requests: refused or broken connections and non-2xx/3xx answers."""
        return self.connect + self.read + self.write + self.status


@dataclass
class Row:
    target: str
    endpoint: str
    connections: int
    runs: list[Measurement] = field(default_factory=list)

    @property
    def median(self) -> Measurement:
        """The run with the median throughput (the lower middle one for an even count)."""
        ordered = sorted(self.runs, key=lambda run: run.requests_per_second)
        return ordered[(len(ordered) - 1) // 2]


RESULT_LINE = re.compile(r"^BENCH_RESULT (\{.*\})$", re.MULTILINE)


def parse_wrk(output: str) -> Measurement:
    """The line that bench/wrk/report.lua prints when wrk is done."""
    match = RESULT_LINE.search(output)
    if match is None:
        raise BenchError(f"wrk printed no result line:\n{output}")
    return Measurement(**json.loads(match.group(1)))


class BenchError(Exception):
    """The bench could not run; the message says what to do."""


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(command: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        shown = " ".join(command)
        raise BenchError(f"{shown} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result


def ensure_wrk() -> str:
    """wrk's path; installed from Debian's packages when missing and allowed (root)."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise BenchError("wrk is needed: install it (Debian/Ubuntu: apt-get install wrk)")
    log("installing wrk from Debian's packages")
    install = ["apt-get", "install", "-y", "--no-install-recommends", "wrk"]
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(install, capture_output=True, env=env, check=False).returncode != 0:
        run(["apt-get", "update"], env=env)
        run(install, env=env)
    return shutil.which("wrk") or "wrk"


def database_url(name: str) -> str:
    return urllib.parse.urlsplit(POSTGRES_URL)._replace(path=f"/{name}").geturl()


def admin_execute(statement: sql.Composed | sql.SQL) -> None:
    with psycopg.connect(POSTGRES_URL, autocommit=True) as connection:
        connection.execute(statement)


@contextmanager
def database(name: str, template: str | None = None) -> Iterator[str]:
    """A database of the bench's own (a copy of `template` if given), dropped afterwards."""
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template is not None:
        create = sql.SQL("{} TEMPLATE {}").format(create, sql.Identifier(template))
    admin_execute(create)
    try:
        yield database_url(name)
    finally:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        admin_execute(drop)


def bake(name: str, answers: dict[str, str], template: Path) -> Target:
    """Bake one combination into build/bench/<name> and install it (no dev dependencies)."""
    output = BUILD / name
    shutil.rmtree(output, ignore_errors=True)
    cookiecutter = str(Path(sys.executable).parent / "cookiecutter")
    pairs = [f"{key}={value}" for key, value in answers.items()]
    log(f"baking {name}: {' '.join(pairs)}")
    run([cookiecutter, "--no-input", "--output-dir", str(output), str(template), *pairs])
    [root] = [path for path in output.iterdir() if path.is_dir()]
    run(["uv", "sync", "--no-dev", "--quiet"], cwd=root)
    package = next(path.name for path in (root / "src").iterdir() if path.is_dir())
    flags = {key: answers.get(key, "yes") == "yes" for key in ("use_auth", "api_versioning")}
    return Target(name, flags["use_auth"], flags["api_versioning"], root, package)


def seed(url: str, auth: bool) -> None:
    """AUTHORS users, TAGS tags and POSTS posts spread over the past year, with 0-3 tags each and
    their stats computed, as if the service had run for a while."""
    rng = random.Random(42)
    now = datetime.now(UTC)
    with psycopg.connect(url) as connection:
        user_columns = ["email", "full_name", "is_active", "created_at", "updated_at"]
        if auth:
            user_columns += ["hashed_password", "role"]
        with connection.cursor().copy(
            sql.SQL("COPY users ({}) FROM STDIN").format(
                sql.SQL(", ").join(map(sql.Identifier, user_columns))
            )
        ) as copy:
            for number in range(1, AUTHORS + 1):
                row: list[object] = [f"author{number}@example.com", f"Author {number}", True]
                row += [now, now] + (["!unusable", "user"] if auth else [])
                copy.write_row(row)
        with connection.cursor().copy(
            "COPY tags (name, created_at, updated_at) FROM STDIN"
        ) as copy:
            for number in range(1, TAGS + 1):
                copy.write_row([f"tag{number}", now, now])
        post_columns = "title, body, published, author_id, word_count, reading_time"
        with connection.cursor().copy(
            f"COPY posts ({post_columns}, created_at, updated_at) FROM STDIN"
        ) as copy:
            for number in range(1, POSTS + 1):
                words = rng.randint(50, 400)
                body = " ".join(rng.choice(WORDS) for _ in range(words))
                created = now - timedelta(seconds=rng.randint(0, 365 * 24 * 3600))
                created = created.replace(microsecond=rng.randint(1, 999_999))
                # Published: drafts are a 404 for the anonymous clients of the load.
                row = [f"Post {number}", body, True, rng.randint(1, AUTHORS)]
                copy.write_row([*row, words, -(-words // 200), created, created])
        with connection.cursor().copy("COPY post_tags (post_id, tag_id) FROM STDIN") as copy:
            for post_id in range(1, POSTS + 1):
                for tag_id in rng.sample(range(1, TAGS + 1), rng.randint(0, 3)):
                    copy.write_row([post_id, tag_id])
        connection.execute("ANALYZE")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def http(method: str, url: str, body: bytes | None = None, **headers: str) -> Any:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


@contextmanager
def serving(target: Target, url: str, secret_key: str, log_path: Path) -> Iterator[str]:
    """uvicorn serving the target with one worker, as the generated Dockerfile runs it."""
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("VIRTUAL_ENV", "PYTHON", "UV_"))
    }
    env |= {"DATABASE_URL": url, "SECRET_KEY": secret_key}
    if target.root is None:
        uvicorn, app, cwd = str(Path(sys.executable).parent / "uvicorn"), "bench.raw_app:app", ROOT
        env |= {"API_PREFIX": target.api, "SECRET_KEY": secret_key if target.auth else ""}
    else:
        uvicorn = str(target.root / ".venv" / "bin" / "uvicorn")
        app, cwd = f"{target.package}.main:app", target.root
        env |= {"ENVIRONMENT": "production", "ACCESS_TOKEN_MINUTES": "600"}
        env |= dict(target.settings)
    command = [uvicorn, app, "--host", "127.0.0.1", "--port", str(port), "--workers", "1"]
    command += ["--loop", "uvloop", "--http", "httptools", "--no-access-log"]
    with log_path.open("wb") as output:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                http("GET", f"{base}/health/live")
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise BenchError(
                        f"{target.name} did not start:\n{log_path.read_text()}"
                    ) from None
                time.sleep(0.1)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def credentials(target: Target, base: str, secret_key: str) -> dict[str, str]:
    """What the create script needs: a Bearer token with auth, an author id without."""
    if not target.auth:
        return {"BENCH_AUTHOR_ID": "1"}
    if target.root is None:
        # The raw baseline has no login: a token as the services issue them, for author 1.
        now = datetime.now(UTC)
        claims: dict[str, object] = {"sub": "1", "type": "access", "iat": now}
        claims |= {"sid": uuid.uuid4().hex, "jti": uuid.uuid4().hex, "ver": 0}
        claims["exp"] = now + timedelta(hours=10)
        return {"BENCH_TOKEN": jwt.encode(claims, secret_key, algorithm="HS256")}
    user = {"email": "bench@example.com", "full_name": "Bench", "password": secrets.token_hex(8)}
    http(
        "POST",
        f"{base}{target.api}/auth/register",
        json.dumps(user).encode(),
        **{"Content-Type": "application/json"},
    )
    form = urllib.parse.urlencode({"username": user["email"], "password": user["password"]})
    tokens = http(
        "POST",
        f"{base}{target.api}/auth/token",
        form.encode(),
        **{"Content-Type": "application/x-www-form-urlencoded"},
    )
    return {"BENCH_TOKEN": tokens["access_token"]}


def load(
    wrk: str, url: str, endpoint: Endpoint, connections: int, seconds: int, env: dict[str, str]
) -> Measurement:
    script_text = (BENCH / "wrk" / f"{endpoint.script}.lua").read_text() if endpoint.script else ""
    script_text += (BENCH / "wrk" / "report.lua").read_text()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_text)
    try:
        command = [wrk, "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
        command += ["-s", script.name, url]
        env = os.environ | env | {"BENCH_POSTS": str(POSTS)}
        return parse_wrk(run(command, env=env).stdout)
    finally:
        os.unlink(script.name)


@dataclass(frozen=True)
class Server:
    """A target being served: its base URL and what the create script needs to sign in."""

    target: Target
    base: str
    env: dict[str, str]


def measure(
    wrk: str,
    servers: Sequence[Server],
    endpoint: str,
    connections: int,
    options: argparse.Namespace,
) -> list[Row]:
    """One row per server that has the endpoint. Each server gets a warm-up run that is not
    recorded (caches, prepared statements, a full pool); then the measured runs take turns, one
    server after the other, so that a slower or faster spell of the machine falls on all of
    them alike rather than on whichever was loaded at the time; and each turn begins with the
    next server."""
    loaded = [server for server in servers if endpoint in endpoints_of(server.target, [endpoint])]
    urls = [server.target.url_of(endpoint, server.base) for server in loaded]
    rows = [Row(server.target.name, endpoint, connections) for server in loaded]
    spec = ENDPOINTS[endpoint]
    if options.warmup:
        for server, url in zip(loaded, urls, strict=True):
            load(wrk, url, spec, connections, options.warmup, server.env)
    for turn in range(options.runs):
        # Each turn starts one server later, so that none is always the one that follows the
        # same other (the raw baseline leaves the machine busier for whoever comes next).
        start = turn % len(loaded)
        for index in [*range(start, len(loaded)), *range(start)]:
            server, url, row = loaded[index], urls[index], rows[index]
            row.runs.append(load(wrk, url, spec, connections, options.duration, server.env))
    return rows


def endpoints_of(target: Target, chosen: Sequence[str] = tuple(ENDPOINTS)) -> list[str]:
    """The endpoints to load, in the order of ENDPOINTS: create post last, as it adds rows."""
    return [
        name
        for name in ENDPOINTS
        if name in chosen and (target.versioned or name != "list (keyset)")
    ]


def bench(options: argparse.Namespace) -> list[Row]:
    wrk = ensure_wrk()
    try:
        admin_execute(sql.SQL("SELECT 1"))
    except psycopg.OperationalError as error:
        raise BenchError(
            f"PostgreSQL is needed at {POSTGRES_URL} (POSTGRES_URL): {error}"
        ) from None
    extra = dict(pair.split("=", 1) for pair in options.set)
    templates = [("", options.template)]
    templates += [(f"@{revision}", export_template(revision)) for revision in options.against]
    targets = [
        bake(name + suffix, COMBINATIONS[name] | COMMON_ANSWERS | extra, template)
        for suffix, template in templates
        for name in options.combinations
    ]
    # The same baked projects, served with other settings.
    targets += [
        replace(target, name=f"{target.name}[{variant}]", settings=(tuple(variant.split("=", 1)),))
        for variant in options.variant
        for target in list(targets)
    ]
    first = targets[0]
    raw = Target(RAW, first.auth, first.versioned)
    secret_key = secrets.token_urlsafe(32)
    rows: list[Row] = []
    logs = Path(tempfile.mkdtemp(prefix="bench-logs-"))
    run_id = uuid.uuid4().hex[:8]
    with database(f"bench_seed_{run_id}") as seed_url:
        log("migrating and seeding the shared database")
        env = os.environ | {"DATABASE_URL": seed_url}
        assert first.root is not None
        alembic = str(first.root / ".venv" / "bin" / "alembic")
        run([alembic, "upgrade", "head"], cwd=first.root, env=env)
        seed(seed_url, first.auth)
        with ExitStack() as stack:
            servers = [
                start_server(stack, target, seed_url, secret_key, logs)
                for target in [raw, *targets]
            ]
            check_same_answers(servers)
            for endpoint in [name for name in ENDPOINTS if name in options.endpoints]:
                for connections in options.connections:
                    for row in measure(wrk, servers, endpoint, connections, options):
                        median = row.median
                        log(
                            f"{row.target:6} {endpoint:14} c={connections:<4}"
                            f" {median.requests_per_second:9.0f} req/s"
                            f"  p99 {median.p99_us / 1000:7.1f} ms  errors {median.errors}"
                            f"  timeouts {median.timeout}"
                        )
                        rows.append(row)
    order = [RAW, *(target.name for target in targets)]
    return sorted(rows, key=lambda row: order.index(row.target))


def export_template(revision: str) -> Path:
    """The template as it was at `revision` of this repository, exported into build/bench/.
    Its services are served on the database that this checkout's migrations made, so a
    revision must not predate the current schema by more than added columns with defaults."""
    folder = BUILD / "templates" / revision
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", revision],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise BenchError(f"git archive {revision} failed: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def start_server(
    stack: ExitStack, target: Target, seed_url: str, secret_key: str, logs: Path
) -> Server:
    """Serve `target` on a copy of the seeded database until `stack` closes."""
    seed_name = urllib.parse.urlsplit(seed_url).path.lstrip("/")
    # A name that is safe in a URL's path: `async@HEAD~1` becomes `async_head_1`.
    name = re.sub(r"\W", "_", f"{seed_name}_{target.name}").lower()
    url = stack.enter_context(database(name, template=seed_name))
    base = stack.enter_context(serving(target, url, secret_key, logs / f"{target.name}.log"))
    return Server(target, base, credentials(target, base, secret_key))


def check_same_answers(servers: Sequence[Server]) -> None:
    """Every target must do the same work as the raw baseline: the same JSON for the same post."""
    raw, *others = servers
    reference = http("GET", f"{raw.base}{raw.target.api}/posts/1")
    for server in others:
        post = http("GET", f"{server.base}{server.target.api}/posts/1")
        if post != reference:
            raise BenchError(f"{server.target.name} and {RAW} differ:\n{post}\n{reference}")


def ratio(row: Row, rows: list[Row]) -> float | None:
    raw = next(
        (
            r
            for r in rows
            if (r.target, r.endpoint, r.connections) == (RAW, row.endpoint, row.connections)
        ),
        None,
    )
    if raw is None or raw.median.requests_per_second == 0:
        return None
    return row.median.requests_per_second / raw.median.requests_per_second


def markdown(rows: list[Row], options: argparse.Namespace) -> str:
    lines = [
        f"wrk on loopback, uvicorn with 1 worker, {options.duration} s per run after"
        f" {options.warmup} s of warm-up, median of {options.runs} run(s); {POSTS} posts,"
        f" {AUTHORS} authors.",
        "",
        "| target | endpoint | connections | req/s | p50 ms | p99 ms | errors | timeouts | x raw |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        median = row.median
        factor = ratio(row, rows)
        lines.append(
            f"| {row.target} | {row.endpoint} | {row.connections}"
            f" | {median.requests_per_second:.0f} | {median.p50_us / 1000:.1f}"
            f" | {median.p99_us / 1000:.1f} | {median.errors} | {median.timeout}"
            f" | {'' if factor is None else f'{factor:.2f}'} |"
        )
    return "\n".join(lines) + "\n"


def as_json(rows: list[Row], options: argparse.Namespace) -> dict[str, Any]:
    return {
        "settings": {
            "duration_s": options.duration,
            "warmup_s": options.warmup,
            "runs": options.runs,
            "posts": POSTS,
            "authors": AUTHORS,
        },
        "rows": [
            {
                "target": row.target,
                "endpoint": row.endpoint,
                "connections": row.connections,
                "median": asdict(row.median)
                | {"requests_per_second": row.median.requests_per_second},
                "ratio_to_raw": ratio(row, rows),
                "runs": [asdict(run) for run in row.runs],
            }
            for row in rows
        ],
    }


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--combinations",
        default="async,sync",
        type=lambda text: text.split(","),
        help=f"which of {', '.join(COMBINATIONS)} to bake (comma-separated)",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a cookiecutter answer for every combination, e.g. api_versioning=no",
    )
    parser.add_argument(
        "--endpoints",
        default=",".join(ENDPOINTS),
        type=lambda text: text.split(","),
        help=f"which of {', '.join(ENDPOINTS)} to load (comma-separated)",
    )
    parser.add_argument(
        "--template",
        default=ROOT,
        type=lambda text: Path(text).resolve(),
        help="the template to bake (default: this repository); a checkout of an earlier commit"
        " gives before/after figures",
    )
    parser.add_argument(
        "--against",
        action="append",
        default=[],
        metavar="REVISION",
        help="also bake the combinations from this commit of the repository (named"
        " <combination>@<revision>), served at once and measured in turns with the others:"
        " before and after in one run",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="SETTING=VALUE",
        help="also serve each combination with this setting (named <combination>[SETTING=VALUE]),"
        " e.g. METRICS_ENABLED=false for what the metrics cost, in the same run",
    )
    parser.add_argument(
        "--connections", default="64,256", type=lambda text: [int(n) for n in text.split(",")]
    )
    parser.add_argument("--duration", type=int, default=15, help="seconds per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--warmup", type=int, default=3, help="seconds of unrecorded load before each row"
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="the whole path in seconds: one 1-second run of 8 connections each",
    )
    options = parser.parse_args(argv)
    if options.smoke:
        # Few connections, so even a slow endpoint completes requests within its one second.
        options.duration, options.runs, options.connections, options.warmup = 1, 1, [8], 0
    unknown = set(options.combinations) - set(COMBINATIONS)
    if unknown:
        parser.error(f"unknown combination(s): {', '.join(sorted(unknown))}")
    malformed = [variant for variant in options.variant if "=" not in variant]
    if malformed:
        parser.error(f"a variant is SETTING=VALUE: {', '.join(malformed)}")
    unknown = set(options.endpoints) - set(ENDPOINTS)
    if unknown:
        parser.error(f"unknown endpoint(s): {', '.join(sorted(unknown))}")
    return options


def main(argv: Sequence[str]) -> int:
    options = parse_args(argv)
    try:
        rows = bench(options)
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        return 1
    report = markdown(rows, options)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + ("-smoke" if options.smoke else "")
    (RESULTS / f"{stamp}.md").write_text(report)
    (RESULTS / f"{stamp}.json").write_text(json.dumps(as_json(rows, options), indent=2) + "\n")
    print(report)
    log(f"written to bench/results/{stamp}.md and .json")
    # The path must work end to end; how fast it is never fails the run.
    silent = [row for row in rows if row.median.requests - row.median.errors <= 0]
    if silent:
        names = ", ".join(f"{row.target} {row.endpoint} c={row.connections}" for row in silent)
        print(f"bench: no request succeeded for {names}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
