from typing import Annotated

from fastapi import APIRouter, Path

from .dependencies import JobServiceDep
from .models import Job
from .schemas import JobRead

router = APIRouter(prefix="/jobs", tags=["jobs"])

JobId = Annotated[str, Path(pattern="^[0-9a-f]{32}$", description="The id a 202 response gave.")]


@router.get("/{job_id}", response_model=JobRead)
{{ cookiecutter.__async }}def get_job(job_id: JobId, service: JobServiceDep) -> Job:
    """A job started through the API: PENDING, STARTED, RETRY, SUCCESS or FAILURE, and its
    result once it has succeeded."""
    return {{ cookiecutter.__await }}service.get(job_id)
