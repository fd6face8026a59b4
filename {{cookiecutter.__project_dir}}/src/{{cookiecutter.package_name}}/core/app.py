"""How the application is put together: main.py lists installers, one per feature, and each adds
what its feature brings (middleware, routes, error handlers, resources, lifespans, effect
handlers, readiness checks) to an AppBuilder.

Middleware added by a later installer wraps the earlier ones. Lifespans are entered in the order
they were added and exited in reverse.
"""

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from importlib.metadata import version
from typing import Any

from fastapi import FastAPI

from .config import Settings
from .effects import EffectHandlers
from .health import ReadinessChecks
from .resources import Resources

Lifespan = Callable[[], AbstractAsyncContextManager[None]]


@dataclass
class AppBuilder:
    app: FastAPI
    settings: Settings
    resources: Resources
    # Response headers that browsers may read (CORS); features add theirs.
    exposed_headers: list[str] = field(default_factory=list)
    lifespans: list[Lifespan] = field(default_factory=list)
    # Changes to the OpenAPI document, made once when it is first asked for.
    openapi_changes: list[Callable[[dict[str, Any]], None]] = field(default_factory=list)
    # The error statuses a dependency can answer with: the OpenAPI document lists them on every
    # operation that uses it.
    dependency_errors: dict[Callable[..., Any], tuple[int, ...]] = field(default_factory=dict)

    @property
    def effect_handlers(self) -> EffectHandlers:
        return self.resources.get(EffectHandlers)

    @property
    def readiness_checks(self) -> ReadinessChecks:
        return self.resources.get(ReadinessChecks)

    def add_lifespan(self, lifespan: Lifespan) -> None:
        self.lifespans.append(lifespan)


Installer = Callable[[AppBuilder], None]


def build_app(
    settings: Settings, installers: Sequence[Installer], resources: Resources | None = None
) -> FastAPI:
    """The application, as the installers make it. `resources` may hold some already (the tests
    provide their own Redis client or job queue); the installers keep those."""
    lifespans: list[Lifespan] = []

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            for enter in lifespans:
                await stack.enter_async_context(enter())
            yield

    app = FastAPI(
        title=settings.app_name,
        version=version("{{ cookiecutter.project_slug }}"),
        lifespan=lifespan,
        # Without the document, FastAPI serves neither /docs nor /redoc.
        openapi_url="/openapi.json" if settings.serves_api_docs else None,
    )
    resources = resources or Resources()
    resources.provide(Settings, settings)
    resources.provide_default(EffectHandlers, EffectHandlers)
    resources.provide_default(ReadinessChecks, ReadinessChecks)
    app.state.resources = resources
    builder = AppBuilder(app, settings, resources, lifespans=lifespans)
    for install in installers:
        install(builder)
    return app
