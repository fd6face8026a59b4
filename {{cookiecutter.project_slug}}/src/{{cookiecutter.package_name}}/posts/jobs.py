"""Work that runs after the response, in its own session (never the request's)."""

from {{ cookiecutter.package_name }}.core.db import SessionFactory
from {{ cookiecutter.package_name }}.posts.repository import PostRepository
from {{ cookiecutter.package_name }}.posts.service import PostService
from {{ cookiecutter.package_name }}.tags.repository import TagRepository
from {{ cookiecutter.package_name }}.tags.service import TagService
from {{ cookiecutter.package_name }}.users.repository import UserRepository


{{ cookiecutter.__async }}def refresh_post_stats(session_factory: SessionFactory, post_id: int) -> None:
    {{ cookiecutter.__async }}with session_factory.begin() as session:
        service = PostService(
            PostRepository(session), UserRepository(session), TagService(TagRepository(session))
        )
        {{ cookiecutter.__await }}service.refresh_stats(post_id)
