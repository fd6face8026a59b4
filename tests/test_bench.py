"""The pure parts of bench/run.py: reading wrk's result, the median run, ratios, URLs, options.
(`make bench-smoke` runs the whole path against real servers.)"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

import bench.run
from bench.inprocess import cpu_ms_per_request
from bench.run import (
    RAW,
    BenchError,
    Endpoint,
    Measurement,
    Row,
    Server,
    Target,
    endpoints_of,
    measure,
    parse_args,
    parse_wrk,
    ratio,
)

WRK_OUTPUT = """Running 1s test @ http://127.0.0.1:8000/api/v2/posts
  2 threads and 8 connections
BENCH_RESULT {"requests":1500,"duration_us":1000000,"connect":0,"read":2,"write":0,\
"status":3,"timeout":1,"p50_us":4200,"p99_us":15000}
"""


def measurement(requests: int, **fields: int) -> Measurement:
    values = dict.fromkeys(("connect", "read", "write", "status", "timeout"), 0)
    values |= {"requests": requests, "duration_us": 2_000_000, "p50_us": 1, "p99_us": 2}
    return Measurement(**(values | fields))


def test_parse_wrk_reads_the_result_line() -> None:
    result = parse_wrk(WRK_OUTPUT)

    assert result.requests_per_second == 1500.0
    assert (result.errors, result.timeout) == (5, 1)
    assert (result.p50_us, result.p99_us) == (4200, 15000)


def test_parse_wrk_without_a_result_line_says_so() -> None:
    with pytest.raises(BenchError, match="no result line"):
        parse_wrk("unable to connect to 127.0.0.1:8000 Connection refused")


def test_the_median_is_the_middle_run_by_throughput() -> None:
    row = Row("async", "post by id", 64, [measurement(300), measurement(100), measurement(200)])

    assert row.median.requests == 200
    assert Row("async", "health", 64, [measurement(4), measurement(2)]).median.requests == 2


def test_ratio_is_against_the_raw_baseline_at_the_same_endpoint_and_connections() -> None:
    raw = Row(RAW, "post by id", 64, [measurement(1000)])
    other_connections = Row(RAW, "post by id", 256, [measurement(10)])
    ours = Row("async", "post by id", 64, [measurement(600)])

    assert ratio(ours, [raw, other_connections, ours]) == pytest.approx(0.6)
    assert ratio(Row("sync", "health", 64, [measurement(1)]), [raw, ours]) is None


def test_urls_follow_the_api_versions() -> None:
    versioned = Target("async", auth=True, versioned=True, root=Path("."), package="p")
    single = Target("sync", auth=False, versioned=False, root=Path("."), package="p")
    raw = Target(RAW, auth=True, versioned=True)

    assert (
        versioned.url_of("list (offset)", "http://h") == "http://h/api/v1/posts?limit=20&offset=0"
    )
    assert versioned.url_of("list (keyset)", "http://h") == "http://h/api/v2/posts?limit=20"
    assert single.url_of("list (offset)", "http://h") == "http://h/api/posts?limit=20&offset=0"
    assert raw.url_of("list (offset)", "http://h") == "http://h/api/v2/posts?limit=20&offset=0"
    assert endpoints_of(single)[-1] == "create post"
    assert "list (keyset)" not in endpoints_of(single)


def test_chosen_endpoints_keep_their_order_and_skip_what_a_target_lacks() -> None:
    versioned = Target("async", auth=True, versioned=True, root=Path("."), package="p")
    single = Target("sync", auth=False, versioned=False, root=Path("."), package="p")
    chosen = parse_args(["--endpoints", "create post,list (keyset),post by id"]).endpoints

    assert endpoints_of(versioned, chosen) == ["post by id", "list (keyset)", "create post"]
    assert endpoints_of(single, chosen) == ["post by id", "create post"]
    with pytest.raises(SystemExit):
        parse_args(["--endpoints", "post by id,nope"])


def test_smoke_is_one_short_run_of_few_connections() -> None:
    options = parse_args(["--smoke"])

    assert (options.duration, options.runs, options.connections) == (1, 1, [8])
    assert options.warmup == 0
    defaults = parse_args([])
    assert (defaults.connections, defaults.warmup, defaults.runs) == ([64, 256], 3, 3)
    assert defaults.template == Path(__file__).resolve().parent.parent
    with pytest.raises(SystemExit):
        parse_args(["--combinations", "async,nope"])


def test_a_variant_is_a_setting_and_value(capsys: pytest.CaptureFixture[str]) -> None:
    options = parse_args(["--variant", "METRICS_ENABLED=false", "--variant", "A=b=c"])

    assert options.variant == ["METRICS_ENABLED=false", "A=b=c"]
    with pytest.raises(SystemExit):
        parse_args(["--variant", "METRICS_ENABLED"])
    assert "a variant is SETTING=VALUE: METRICS_ENABLED" in capsys.readouterr().err


def test_another_template_is_baked_from_its_absolute_path(tmp_path: Path) -> None:
    assert parse_args(["--template", str(tmp_path)]).template == tmp_path.resolve()


def test_an_earlier_commit_is_exported_to_be_baked_beside_this_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert parse_args(["--against", "HEAD~1", "--against", "HEAD"]).against == ["HEAD~1", "HEAD"]
    monkeypatch.setattr(bench.run, "BUILD", tmp_path)

    exported = bench.run.export_template("HEAD")

    assert (exported / "cookiecutter.json").is_file()
    assert (exported / "bench" / "run.py").is_file()


def test_an_unknown_commit_stops_the_bench_with_git_s_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(bench.run, "BUILD", tmp_path)

    with pytest.raises(BenchError, match="git archive no-such-revision failed: fatal"):
        bench.run.export_template("no-such-revision")


def test_measured_runs_take_turns_each_beginning_with_the_next_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[str, int]] = []

    def fake_load(
        wrk: str, url: str, endpoint: Endpoint, connections: int, seconds: int, env: object
    ) -> Measurement:
        calls.append((url.split("//")[1].split("/")[0], seconds))
        return measurement(10 * len(calls))

    monkeypatch.setattr(bench.run, "load", fake_load)
    servers = [
        Server(Target(RAW, auth=False, versioned=True), "http://raw", {}),
        Server(Target("async", False, True, Path("."), "p"), "http://async", {}),
        Server(Target("sync", False, False, Path("."), "p"), "http://sync", {}),
    ]
    options = parse_args(["--runs", "2", "--duration", "5", "--warmup", "1"])

    rows = measure("wrk", servers, "list (keyset)", 64, options)

    # The unversioned target has no keyset list; the others warm up, then take turns, each turn
    # beginning with the next one.
    assert calls == [("raw", 1), ("async", 1), ("raw", 5), ("async", 5), ("async", 5), ("raw", 5)]
    assert [(row.target, len(row.runs)) for row in rows] == [(RAW, 2), ("async", 2)]


def tiny_app() -> Starlette:
    async def hello(request: Request) -> JSONResponse:
        return JSONResponse({"hello": "bench"})

    return Starlette(routes=[Route("/hello", hello)])


def test_in_process_timing_reports_each_batch() -> None:
    results = asyncio.run(cpu_ms_per_request(tiny_app(), "/hello?x=1", requests=5, batches=3))

    assert len(results) == 3
    assert all(result > 0 for result in results)


def test_in_process_timing_refuses_a_path_that_fails() -> None:
    with pytest.raises(SystemExit, match="answered 404"):
        asyncio.run(cpu_ms_per_request(tiny_app(), "/nowhere", requests=5, batches=1))
