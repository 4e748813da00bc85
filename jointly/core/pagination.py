"""Page-numbered lists: the pages' (paginate) and the API's (PageNumberPagination)."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination as NinjaPageNumberPagination

# Far past the end of any list here, yet small enough that the row offset, (page - 1) times
# the page size, fits a database integer. Beyond it an API call is refused (400), not a 500.
MAX_PAGE = 1_000_000


def paginate(request, queryset, *, per_page: int | None = None) -> Page:
    """One page of a list, for the GOV.UK pagination component.

    Out-of-range or malformed page numbers fall back to the nearest real page
    rather than failing.
    """
    paginator = Paginator(queryset, per_page or settings.JOINTLY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    page.window = _window(page.number, paginator.num_pages)
    query = request.GET.copy()
    query.pop("page", None)
    page.query_prefix = f"{query.urlencode()}&" if query else ""
    return page


def _window(current: int, last: int) -> list[int | None]:
    """Page numbers to show, with None where an ellipsis stands."""
    shown = sorted({1, last, *range(max(1, current - 1), min(last, current + 1) + 1)})
    window: list[int | None] = []
    for number in shown:
        if window and number - window[-1] == 2:
            window.append(number - 1)  # an ellipsis would hide just one page: show it
        elif window and number - window[-1] > 2:
            window.append(None)
        window.append(number)
    return window


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE)
    page_size: int | None = Field(None, ge=1)


class PageNumberPagination(NinjaPageNumberPagination):
    """Django Ninja's page numbers, bounded so that no page number reaches the database as an overflow."""

    Input = PageQuery
