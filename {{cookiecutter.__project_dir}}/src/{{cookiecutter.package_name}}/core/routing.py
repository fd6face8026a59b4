"""Small helpers shared by the routers."""

from typing import Annotated

from fastapi import Path, Request

# Ids are 32-bit integers in every database; larger values are invalid input, not a 500.
MAX_ID = 2_147_483_647

ResourceId = Annotated[int, Path(ge=1, le=MAX_ID)]


def location(request: Request, route_name: str, **path_params: int | str) -> dict[str, str]:
    """The Location header of a 201 response, pointing at the created resource."""
    return {"Location": str(request.url_for(route_name, **path_params))}
