"""Page-numbered API lists whose page numbers the database can take."""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

# Far past the end of any list here, yet small enough that the row offset, (page - 1) times
# the page size, fits a database integer. Beyond it the page is refused (400), not a 500.
MAX_PAGE = 1_000_000


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int | None = Field(None, ge=1)


class PageNumberPagination(NinjaPageNumberPagination):
    Input = PageQuery
