"""What the database does with a query: whether an index serves it, and how many queries a piece of work makes."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def assert_served_by_index(queryset, index: str) -> None:
    """The database reads the queryset through `index`, not by scanning the table.

    PostgreSQL would scan a test-sized table whatever its indexes, so scans are
    priced out here (inside the test's transaction only): an index that cannot
    serve the query still is not chosen, and the plan says so.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.explain()
    assert index in plan, plan


def queries_made(work) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)
