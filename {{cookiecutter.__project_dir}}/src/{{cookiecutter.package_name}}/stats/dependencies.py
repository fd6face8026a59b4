from typing import Annotated

from fastapi import Depends

from ..core.db import SessionDep
from .repository import StatsRepository
from .service import StatsService


async def get_stats_service(session: SessionDep) -> StatsService:
    return StatsService(StatsRepository(session))


StatsServiceDep = Annotated[StatsService, Depends(get_stats_service)]
