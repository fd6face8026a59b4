"""GET /: what this service is and where to find its parts, for a client or a person with curl."""

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from ..core.routing import APIS

HEALTH = {"live": "/health/live", "ready": "/health/ready"}

router = APIRouter(tags=["index"])


class ServiceIndex(BaseModel):
    name: str
    version: str
    docs: str | None = Field(description="The interactive API docs; null where they are off.")
    openapi: str | None = Field(description="The OpenAPI document; null where it is off.")
    health: dict[str, str] = Field(description="The liveness and readiness probes.")
    apis: dict[str, str] = Field(description="Each API version's prefix, the current one first.")


@router.get("/")
async def index(request: Request) -> ServiceIndex:
    """The service's name and version, and links to its docs, health probes and APIs."""
    app = request.app
    served = app.openapi_url is not None
    return ServiceIndex(
        name=app.title,
        version=app.version,
        docs=app.docs_url if served else None,
        openapi=app.openapi_url,
        health=HEALTH,
        apis=APIS,
    )
