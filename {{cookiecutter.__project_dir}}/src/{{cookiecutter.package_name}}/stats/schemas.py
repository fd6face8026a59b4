from ..core.schemas import ORMSchema


class AuthorStats(ORMSchema):
    author_id: int
    full_name: str
    post_count: int
    average_word_count: float | None
