"""Work that runs after the response, in its own session (never the request's)."""

from ..core.db import SessionFactory
from ..tags.repository import TagRepository
from ..tags.service import TagService
from ..users.repository import UserRepository
from .repository import PostRepository
from .service import PostService


{{ cookiecutter.__async }}def refresh_post_stats(session_factory: SessionFactory, post_id: int) -> None:
    {{ cookiecutter.__async }}with session_factory.begin() as session:
        service = PostService(
            PostRepository(session), UserRepository(session), TagService(TagRepository(session))
        )
        {{ cookiecutter.__await }}service.refresh_stats(post_id)
