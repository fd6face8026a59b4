"""The files a baked project must have, and the files each option adds. Extend the tables when
the template gains a file or an option."""

from __future__ import annotations

from tests.matrix import Combo, Value

# Paths every combination has ({package} is the package name).
ALWAYS = {
    ".env",
    ".env.example",
    ".gitignore",
    ".pre-commit-config.yaml",
    "CHANGELOG.md",
    "LICENSE",
    "Makefile",
    "README.md",
    "alembic.ini",
    "alembic/env.py",
    "alembic/script.py.mako",
    "pyproject.toml",
    "src/{package}/main.py",
    "src/{package}/cli.py",
    "src/{package}/seed.py",
    "src/{package}/core/app.py",
    "src/{package}/core/config.py",
    "src/{package}/core/db.py",
    "src/{package}/core/effects.py",
    "src/{package}/core/install.py",
    "src/{package}/api/install.py",
    "src/{package}/api/v1.py",
    "src/{package}/live/install.py",
    "src/{package}/live/clients.py",
    "tests/live",
    "tests/conftest.py",
    "tools/fuzz.py",
    "schemathesis.toml",
    "src/{package}/metrics/install.py",
    "src/{package}/metrics/settings.py",
    "tests/metrics",
    "deploy/prometheus/prometheus.yml",
    "deploy/prometheus/alerts.yml",
    "deploy/grafana/provisioning/datasources/prometheus.yml",
    "deploy/grafana/provisioning/dashboards/dashboards.yml",
    "deploy/grafana/dashboards/service.json",
}

# (option, value) -> paths that exist exactly when the combination has that value.
WHEN: dict[tuple[str, Value], set[str]] = {
    ("use_docker", True): {"Dockerfile", "compose.yaml", ".dockerignore"},
    ("ci", "github"): {".github", ".github/workflows/ci.yml"},
    ("ci", "gitlab"): {".gitlab-ci.yml"},
    ("use_auth", True): {
        "src/{package}/auth",
        "src/{package}/core/security.py",
        "src/{package}/live/auth.py",
        "tests/auth",
    },
    ("use_redis", True): {
        "src/{package}/cache",
        "src/{package}/live/redis.py",
        "tests/cache",
        "tests/live/test_redis.py",
    },
    ("api_versioning", True): {
        "src/{package}/versioning",
        "src/{package}/api/shared.py",
        "src/{package}/api/v2.py",
        "src/{package}/posts/router_v2.py",
        "tests/api",
        "tests/posts/test_cursor_list.py",
    },
    ("use_celery", True): {
        "src/{package}/worker",
        "src/{package}/jobs",
        "src/{package}/stats/jobs.py",
        "src/{package}/stats/rebuild.py",
        "tests/worker",
        "tests/jobs",
    },
    ("use_celery", False): {"src/{package}/background", "tests/background"},
}


# (option, value) pairs -> paths that exist exactly when the combination has all of them.
WHEN_ALL: dict[tuple[tuple[str, Value], ...], set[str]] = {
    (("use_auth", True), ("use_redis", True)): {"src/{package}/auth/revocation.py"},
    (("use_auth", True), ("use_celery", True)): {"src/{package}/auth/jobs.py"},
}


def expected_paths(combo: Combo, package: str) -> tuple[set[str], set[str]]:
    """(paths that must exist, paths that must not) for the combination."""
    present = set(ALWAYS)
    absent: set[str] = set()
    for (option, value), paths in WHEN.items():
        (present if combo.get(option) == value else absent).update(paths)
    for conditions, paths in WHEN_ALL.items():
        has_all = all(combo.get(option) == value for option, value in conditions)
        (present if has_all else absent).update(paths)
    return {p.format(package=package) for p in present}, {p.format(package=package) for p in absent}
