from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.models import Base, TimestampMixin


class Job(TimestampMixin, Base):
    """A task started through the API, and what became of it. Its id is the Celery task id."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    # Celery's names: PENDING (sent), STARTED, RETRY, SUCCESS, FAILURE.
    state: Mapped[str] = mapped_column(String(20))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
