from sqlalchemy import String, true
from sqlalchemy.orm import Mapped, mapped_column

from ..core.models import Base, TimestampMixin


class User(TimestampMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(default=True, server_default=true())
{% if cookiecutter.use_auth %}
    hashed_password: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="user", server_default="user")
    # Moves on when the password, the role or the active flag changes: every token carries the
    # version it was issued under, and one issued before the change no longer matches.
    token_version: Mapped[int] = mapped_column(default=0, server_default="0")
{% endif %}
