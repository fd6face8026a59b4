from ..core.exceptions import NotFoundError


class JobNotFoundError(NotFoundError):
    def __init__(self, job_id: str) -> None:
        super().__init__(f"Job {job_id} does not exist.")
