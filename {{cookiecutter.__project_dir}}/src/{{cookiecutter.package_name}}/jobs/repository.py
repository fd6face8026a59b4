from typing import Any

from sqlalchemy import update

from ..core.repository import Repository
from .models import Job


class JobRepository(Repository):
    {{ cookiecutter.__async }}def get(self, job_id: str) -> Job | None:
        return {{ cookiecutter.__await }}self.session.get(Job, job_id)

    {{ cookiecutter.__async }}def set_state(self, job_id: str, state: str, **values: Any) -> bool:
        """Move an unfinished job to `state`; False when there is no such unfinished job."""
        statement = (
            update(Job)
            .where(Job.id == job_id, Job.state.not_in(["SUCCESS", "FAILURE"]))
            .values(state=state, **values)
            .returning(Job.id)
        )
        result = {{ cookiecutter.__await }}self.session.scalars(statement)
        return result.first() is not None
