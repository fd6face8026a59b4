from ..core.exceptions import ConflictError, NotFoundError


class TagNotFoundError(NotFoundError):
    def __init__(self, tag_id: int) -> None:
        super().__init__(f"Tag {tag_id} does not exist.")


class TagAlreadyExistsError(ConflictError):
    def __init__(self, name: str) -> None:
        super().__init__(f"A tag named {name!r} already exists.")


class TagInUseError(ConflictError):
    def __init__(self, tag_id: int) -> None:
        super().__init__(
            f"Tag {tag_id} is on posts: delete it with `detach=true` to remove it from them too."
        )
