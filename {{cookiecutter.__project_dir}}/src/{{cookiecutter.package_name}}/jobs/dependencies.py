from typing import Annotated

from fastapi import Depends

from ..core.db import SessionDep
from .repository import JobRepository
from .service import JobService


async def get_job_service(session: SessionDep) -> JobService:
    return JobService(JobRepository(session))


JobServiceDep = Annotated[JobService, Depends(get_job_service)]
