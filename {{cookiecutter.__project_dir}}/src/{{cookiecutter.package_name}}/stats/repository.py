from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, func, select

from ..core.pagination import PageParams, count_of, window_of
from ..core.repository import Repository
from ..posts.models import Post
from ..users.models import User


class StatsRepository(Repository):
    {{ cookiecutter.__async }}def authors_page(self, params: PageParams) -> tuple[Sequence[Row[Any]], int]:
        """Posts per author and their average word count, busiest authors first.

        A LEFT JOIN keeps authors without posts (count 0, average null); posts whose stats are
        not computed yet count as posts but not towards the average.
        """
        post_count = func.count(Post.id)
        statement = (
            select(
                User.id.label("author_id"),
                User.full_name,
                post_count.label("post_count"),
                func.avg(Post.word_count).label("average_word_count"),
            )
            .outerjoin(Post, Post.author_id == User.id)
            .group_by(User.id, User.full_name)
        )
        total = {{ cookiecutter.__await }}self.session.scalar(count_of(select(User.id)))
        result = {{ cookiecutter.__await }}self.session.execute(
            window_of(statement.order_by(post_count.desc(), User.id), params)
        )
        return result.all(), total or 0
