"""`seed`: demo data for a new database, made through the services as the API would make it.

It fills an empty database only, and refuses any other, and any database in production{{ ": the\ndemo users' password is written below, for anyone to read" if cookiecutter.use_auth else "" }}.
"""

import argparse
{% if cookiecutter.orm_mode == "async" %}
import asyncio
{% endif %}
from dataclasses import dataclass
from typing import Any

{% if cookiecutter.use_auth %}
from .core import security
{% endif %}
from .core.cli import CommandError, Commands
from .core.config import Settings, get_settings
from .core.db import create_engine, create_session_factory
from .core.effects import EffectHandlers, JobQueue, UnitOfWork
from .core.jobs import JobContext
from .core.pagination import PageParams
from .posts.schemas import PostCreate
from .posts.service import PostService
{% if cookiecutter.use_auth %}
from .users.models import User
from .users.repository import UserRepository
{% else %}
from .users.schemas import UserCreate
{% endif %}
from .users.service import UserService
{% if cookiecutter.use_auth %}

DEMO_PASSWORD = "demo password, not for production"
{% endif %}


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
{% if cookiecutter.use_auth %}
    role: str
{% endif %}


@dataclass(frozen=True)
class DemoPost:
    author: int  # index in DEMO_USERS
    title: str
    body: str
    published: bool
    tags: list[str]


DEMO_USERS = [
    DemoUser("ada@example.com", "Ada Lovelace"{{ ', "admin"' if cookiecutter.use_auth else "" }}),
    DemoUser("grace@example.com", "Grace Hopper"{{ ', "user"' if cookiecutter.use_auth else "" }}),
]
DEMO_POSTS = [
    DemoPost(
        0,
        "Notes on the Analytical Engine",
        "The engine weaves algebraic patterns just as the loom weaves flowers and leaves.",
        True,
        ["computing", "history"],
    ),
    DemoPost(
        1,
        "A moth in the relay",
        "First actual case of bug being found, taped into the log book of the Mark II.",
        True,
        ["computing", "debugging"],
    ),
    DemoPost(
        1,
        "Compilers, a draft",
        "Notes for a talk: why programs should read like English.",
        False,
        ["compilers"],
    ),
]


class NoJobs(JobQueue):
    """The seed computes each post's stats itself: it needs no job queue{{ " nor broker" if cookiecutter.use_celery else "" }}."""

    {{ cookiecutter.__async }}def send(self, name: str, args: tuple[Any, ...], job_id: str | None) -> None:
        pass


{{ cookiecutter.__async }}def add_users(work: UnitOfWork) -> list[int]:
{% if cookiecutter.use_auth %}
    users = UserRepository(work.session)
    hashed_password = security.hash_password(DEMO_PASSWORD)
    ids = []
    for demo in DEMO_USERS:
        user = User(
            email=demo.email,
            full_name=demo.full_name,
            role=demo.role,
            hashed_password=hashed_password,
        )
        {{ cookiecutter.__await }}users.add(user)
        ids.append(user.id)
    return ids
{% else %}
    service = UserService.of(work)
    ids = []
    for demo in DEMO_USERS:
        user = {{ cookiecutter.__await }}service.create(UserCreate(email=demo.email, full_name=demo.full_name))
        ids.append(user.id)
    return ids
{% endif %}


{{ cookiecutter.__async }}def seed(settings: Settings) -> str:
    if settings.environment == "production":
        raise CommandError("seed refuses to run with ENVIRONMENT=production: the data is fake.")
    engine = create_engine(settings)
    context = JobContext(create_session_factory(engine), EffectHandlers(), NoJobs())
    try:
        {{ cookiecutter.__async }}with context.unit_of_work() as work:
            users = {{ cookiecutter.__await }}UserService.of(work).list_page(PageParams(limit=1))
            if users["total"]:
                raise CommandError(
                    f"The database has {users['total']} users: seed fills an empty one only."
                )
            user_ids = {{ cookiecutter.__await }}add_users(work)
            posts = PostService.of(work)
            tags: set[str] = set()
            for demo in DEMO_POSTS:
                author_id = user_ids[demo.author]
                data = PostCreate(
                    title=demo.title,
                    body=demo.body,
                    published=demo.published,
{% if not cookiecutter.use_auth %}
                    author_id=author_id,
{% endif %}
                    tags=demo.tags,
                )
                post = {{ cookiecutter.__await }}posts.create(data, author_id)
                {{ cookiecutter.__await }}posts.refresh_stats(post.id)
                tags.update(demo.tags)
    finally:
        {{ cookiecutter.__await }}engine.dispose()
{% if cookiecutter.use_auth %}
    return (
        f"Seeded {len(DEMO_USERS)} users, {len(DEMO_POSTS)} posts and {len(tags)} tags. Sign in"
        f" as {DEMO_USERS[0].email} (admin) or {DEMO_USERS[1].email}, password {DEMO_PASSWORD!r}."
    )
{% else %}
    return f"Seeded {len(DEMO_USERS)} users, {len(DEMO_POSTS)} posts and {len(tags)} tags."
{% endif %}


def run_seed(_: argparse.Namespace) -> str:
    return {{ "asyncio.run(seed(get_settings()))" if cookiecutter.orm_mode == "async" else "seed(get_settings())" }}


def add_seed_command(commands: Commands) -> None:
    commands.add("seed", "fill an empty database with demo data", run_seed)
