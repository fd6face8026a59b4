"""PostRepository on its own: the statements behind the post list, on the test database. A copy
of this file is the way to test a repository of your own."""

import pytest

from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.pagination import PageParams
from {{ cookiecutter.package_name }}.posts.models import Post
from {{ cookiecutter.package_name }}.posts.repository import PostRepository
from {{ cookiecutter.package_name }}.posts.schemas import PostFilters
from {{ cookiecutter.package_name }}.tags.models import Tag
from tests.factories import add_author

pytestmark = pytest.mark.anyio


async def test_the_list_filters_by_tag_and_by_text_and_counts_what_it_filtered(
    job_context: JobContext,
) -> None:
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        author = {{ cookiecutter.__await }}add_author(work.session)
        python = Tag(name="python")
        work.session.add_all(
            [
                Post(title="100% sure", body="b", author_id=author.id, tags=[python]),
                Post(title="1000 sure", body="b", author_id=author.id),
            ]
        )
        {{ cookiecutter.__await }}work.session.flush()
        posts = PostRepository(work.session)
        tagged, tagged_total = {{ cookiecutter.__await }}posts.list_page(PostFilters(tag="python"), PageParams())
        found, found_total = {{ cookiecutter.__await }}posts.list_page(PostFilters(q="100%"), PageParams())

    assert ([post.title for post in tagged], tagged_total) == (["100% sure"], 1)
    # `%` in the search text is a character to find, not a wildcard.
    assert ([post.title for post in found], found_total) == (["100% sure"], 1)
