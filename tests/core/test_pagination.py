"""Pagination: the GOV.UK page window and forgiving page numbers."""

import pytest
from django.test import RequestFactory

from jointly.core.pagination import _window, paginate


@pytest.mark.parametrize(
    ("current", "last", "window"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, None, 10]),
        (2, 10, [1, 2, 3, None, 10]),
        (4, 10, [1, 2, 3, 4, 5, None, 10]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (9, 10, [1, None, 8, 9, 10]),
        (10, 10, [1, None, 9, 10]),
        # An ellipsis never stands for a single page.
        (3, 10, [1, 2, 3, 4, None, 10]),
        (7, 10, [1, None, 6, 7, 8, 9, 10]),
        (8, 10, [1, None, 7, 8, 9, 10]),
        (4, 7, [1, 2, 3, 4, 5, 6, 7]),
    ],
)
def test_window(current, last, window):
    assert _window(current, last) == window


def page_of(query, items=range(95), per_page=10):
    return paginate(RequestFactory().get("/list/", query), list(items), per_page=per_page)


def test_first_page_by_default():
    page = page_of({})
    assert page.number == 1
    assert list(page) == list(range(10))
    assert page.paginator.num_pages == 10


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        ("abc", 1),
        ("0", 10),
        ("-3", 10),
        ("999", 10),
        ("4", 4),
        # Far past any database integer, and past the digits Python turns into a number.
        ("1" + "0" * 30, 10),
        ("9" * 5000, 1),
        ("2.5", 1),
        ("\x00", 1),
    ],
)
def test_malformed_or_out_of_range_pages_fall_back(asked, given):
    assert page_of({"page": asked}).number == given


def test_other_query_parameters_are_kept_for_the_links():
    page = page_of({"q": "carers", "sector": "vcs", "page": "2"})
    assert page.query_prefix == "q=carers&sector=vcs&"


def test_no_prefix_without_other_parameters():
    assert page_of({"page": "2"}).query_prefix == ""


def test_page_size_comes_from_settings(settings):
    settings.JOINTLY_PAGE_SIZE = 7
    page = paginate(RequestFactory().get("/"), list(range(20)))
    assert len(page) == 7
    assert page.window == [1, 2, 3]
