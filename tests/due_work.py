"""Checks for scheduled work: whether an index serves a job's query, how many queries it makes, and a service that breaks for one record."""

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


def breaks_for(real, record, *, argument: str):
    """The service `real`, except that it breaks, as a full disk would, when its `argument` is `record`."""

    def service(**kwargs):
        if kwargs[argument].pk == record.pk:
            raise RuntimeError("the disk is full")
        return real(**kwargs)

    return service
