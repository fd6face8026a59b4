"""The raw baseline: Starlette + asyncpg doing what a generated service does for each benchmarked
endpoint (the same queries, the same JSON), with nothing else. It gives the practical limit the
generated services are measured against; it is not a service anyone should write.

Run by bench/run.py: `uvicorn bench.raw_app:app` with DATABASE_URL (plain postgresql://),
SECRET_KEY (checks Bearer tokens on writes, as use_auth does) and API_PREFIX.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import math
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import asyncpg
import jwt
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

DATABASE_URL = os.environ["DATABASE_URL"]
SECRET_KEY = os.environ.get("SECRET_KEY", "")
API = os.environ.get("API_PREFIX", "/api/v2")
POOL_SIZE = 10
POST_COLUMNS = (
    "id, title, body, published, author_id, word_count, reading_time, created_at, updated_at"
)
TAGS_OF_POSTS = (
    "SELECT pt.post_id, t.id, t.name, t.created_at FROM post_tags pt"
    " JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = ANY($1::int[]) ORDER BY t.name"
)


def timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def signed_cursor(created_at: str, post_id: int) -> str:
    """The same work as the services' cursor: a short JSON payload, base64 and an HMAC."""
    payload = base64.urlsafe_b64encode(json.dumps([created_at, post_id]).encode()).rstrip(b"=")
    signature = hmac.new(SECRET_KEY.encode(), payload, hashlib.sha256).digest()
    return f"{payload.decode()}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


def problem(status: int, detail: str) -> JSONResponse:
    body = {"type": "about:blank", "title": "Error", "status": status, "detail": detail}
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


async def posts_with_tags(
    connection: asyncpg.Connection, rows: Sequence[asyncpg.Record]
) -> list[dict[str, Any]]:
    """The posts as JSON objects, their tags loaded with one more query (as selectinload does)."""
    tags: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    if rows:
        for tag in await connection.fetch(TAGS_OF_POSTS, list(tags)):
            tags[tag["post_id"]].append(
                {"id": tag["id"], "name": tag["name"], "created_at": timestamp(tag["created_at"])}
            )
    return [
        {
            "id": row["id"],
            "title": row["title"],
            "body": row["body"],
            "published": row["published"],
            "author_id": row["author_id"],
            "tags": tags[row["id"]],
            "word_count": row["word_count"],
            "reading_time": row["reading_time"],
            "created_at": timestamp(row["created_at"]),
            "updated_at": timestamp(row["updated_at"]),
        }
        for row in rows
    ]


async def get_post(request: Request) -> Response:
    post_id = int(request.path_params["post_id"])
    async with request.app.state.pool.acquire() as connection, connection.transaction():
        # Anonymous clients read published posts only, as in the generated services.
        rows = await connection.fetch(
            f"SELECT {POST_COLUMNS} FROM posts WHERE id = $1 AND published", post_id
        )
        if not rows:
            return problem(404, f"Post {post_id} not found.")
        [post] = await posts_with_tags(connection, rows)
    return JSONResponse(post)


async def list_posts(request: Request) -> Response:
    """The first page, newest first: keyset (`{items, next_cursor}`) like v2, or offset with a
    total (`{items, total, limit, offset}`) like v1 when `offset` is given."""
    limit = int(request.query_params.get("limit", "20"))
    offset = request.query_params.get("offset")
    published_newest_first = "WHERE published ORDER BY created_at DESC, id DESC"
    async with request.app.state.pool.acquire() as connection, connection.transaction():
        if offset is None:
            rows = await connection.fetch(
                f"SELECT {POST_COLUMNS} FROM posts {published_newest_first} LIMIT $1", limit + 1
            )
            items = await posts_with_tags(connection, rows[:limit])
            more = len(rows) > limit
            cursor = signed_cursor(items[-1]["created_at"], items[-1]["id"]) if more else None
            return JSONResponse({"items": items, "next_cursor": cursor})
        total = await connection.fetchval("SELECT count(*) FROM posts WHERE published")
        rows = await connection.fetch(
            f"SELECT {POST_COLUMNS} FROM posts {published_newest_first} LIMIT $1 OFFSET $2",
            limit,
            int(offset),
        )
        items = await posts_with_tags(connection, rows)
    return JSONResponse({"items": items, "total": total, "limit": limit, "offset": int(offset)})


async def author_of(request: Request, connection: asyncpg.Connection) -> int | None:
    """The signed-in user's id (Bearer JWT, then the user row), or None when the token fails."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        claims = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
    except jwt.InvalidTokenError:
        return None
    if scheme.lower() != "bearer" or claims.get("type") != "access":
        return None
    user = await connection.fetchrow(
        "SELECT id, is_active, token_version FROM users WHERE id = $1", int(claims["sub"])
    )
    if user is None or not user["is_active"] or user["token_version"] != claims.get("ver"):
        return None
    return int(user["id"])


async def refresh_stats(pool: asyncpg.Pool, post_id: int) -> None:
    """After the response, as the generated services' stats job does."""
    async with pool.acquire() as connection, connection.transaction():
        body = await connection.fetchval("SELECT body FROM posts WHERE id = $1", post_id)
        if body is not None:
            words = len(body.split())
            await connection.execute(
                "UPDATE posts SET word_count = $2, reading_time = $3 WHERE id = $1",
                post_id,
                words,
                math.ceil(words / 200),
            )


async def create_post(request: Request) -> Response:
    data = json.loads(await request.body())
    pool = request.app.state.pool
    async with pool.acquire() as connection, connection.transaction():
        author_id = await author_of(request, connection) if SECRET_KEY else data["author_id"]
        if author_id is None:
            return problem(401, "Not authenticated.")
        names = sorted({name.strip().lower() for name in data.get("tags", [])})
        if names:
            await connection.executemany(
                "INSERT INTO tags (name, created_at, updated_at) VALUES ($1, now(), now())"
                " ON CONFLICT (name) DO NOTHING",
                [(name,) for name in names],
            )
        now = datetime.now(UTC)
        rows = await connection.fetch(
            f"INSERT INTO posts (title, body, published, author_id, created_at, updated_at)"
            f" VALUES ($1, $2, $3, $4, $5, $5) RETURNING {POST_COLUMNS}",
            data["title"],
            data["body"],
            data.get("published", False),
            author_id,
            now,
        )
        if names:
            await connection.execute(
                "INSERT INTO post_tags (post_id, tag_id)"
                " SELECT $1, id FROM tags WHERE name = ANY($2::text[])",
                rows[0]["id"],
                names,
            )
        [post] = await posts_with_tags(connection, rows)
    location = {"Location": f"{request.base_url}{API.lstrip('/')}/posts/{post['id']}"}
    background = BackgroundTask(refresh_stats, pool, post["id"])
    return JSONResponse(post, status_code=201, headers=location, background=background)


async def health(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    app.state.pool = await asyncpg.create_pool(DATABASE_URL, min_size=1, max_size=POOL_SIZE)
    try:
        yield
    finally:
        await app.state.pool.close()


app = Starlette(
    routes=[
        Route("/health/live", health),
        Route(f"{API}/posts", list_posts, methods=["GET"]),
        Route(f"{API}/posts", create_post, methods=["POST"]),
        Route(f"{API}/posts/{{post_id:int}}", get_post),
    ],
    lifespan=lifespan,
)
