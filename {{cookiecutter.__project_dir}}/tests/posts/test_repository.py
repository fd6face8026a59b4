"""PostRepository on its own: the statements behind the post list, on the test database. A copy
of this file is the way to test a repository of your own."""

import pytest

from {{ cookiecutter.package_name }}.core.jobs import JobContext
from {{ cookiecutter.package_name }}.core.pagination import PageParams
from {{ cookiecutter.package_name }}.posts.access import Reader
from {{ cookiecutter.package_name }}.posts.models import Post
from {{ cookiecutter.package_name }}.posts.repository import PostRepository
from {{ cookiecutter.package_name }}.posts.schemas import PostFilters
from {{ cookiecutter.package_name }}.tags.models import Tag
from tests.factories import add_author

pytestmark = pytest.mark.anyio

# A reader who sees drafts too, as an admin does.
EVERY_POST = Reader(sees_drafts=True)


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
        by_tag = PostFilters(tag="python")
        tagged, tagged_total = {{ cookiecutter.__await }}posts.list_page(by_tag, PageParams(), EVERY_POST)
        by_text = PostFilters(q="100%")
        found, found_total = {{ cookiecutter.__await }}posts.list_page(by_text, PageParams(), EVERY_POST)

    assert ([post.title for post in tagged], tagged_total) == (["100% sure"], 1)
    # `%` in the search text is a character to find, not a wildcard.
    assert ([post.title for post in found], found_total) == (["100% sure"], 1)


async def test_the_list_shows_a_reader_published_posts_and_its_own_drafts(
    job_context: JobContext,
) -> None:
    {{ cookiecutter.__async }}with job_context.unit_of_work() as work:
        author = {{ cookiecutter.__await }}add_author(work.session)
        work.session.add_all(
            [
                Post(title="Out", body="b", author_id=author.id, published=True),
                Post(title="Draft", body="b", author_id=author.id),
            ]
        )
        {{ cookiecutter.__await }}work.session.flush()
        posts = PostRepository(work.session)
        filters, params = PostFilters(), PageParams()
        by_anyone, _ = {{ cookiecutter.__await }}posts.list_page(filters, params, Reader())
        by_author, _ = {{ cookiecutter.__await }}posts.list_page(filters, params, Reader(author.id))

    assert [post.title for post in by_anyone] == ["Out"]
    assert sorted(post.title for post in by_author) == ["Draft", "Out"]
