"""Benchmark the area profile against the tight SQL that reads only the cells it shows.

    .venv/bin/python scripts/bench_profile.py              # 318 and 1,018 indicators, SQLite
    .venv/bin/python scripts/bench_profile.py 100 500      # other sizes
    DATABASE_URL=postgres://… scripts/bench_profile.py     # against PostgreSQL (a database it may drop and recreate)

Each size runs in a fresh process with a fresh database: England, one region and 150
made-up upper-tier authorities (codes E06900001…, a range ONS has not issued), ten
years of every indicator for every place, in the total group. The profile is built
for one authority (its England and region comparators, the spine's range over every
authority); the reference is two plain queries for exactly those cells (the area and
its comparators over ten periods, every authority at the latest one), fetched the same
way. Each figure is the median of five runs after one to warm the caches. Target
(issue 13): the profile within 2x the tight SQL.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test factories make the trust and the person
AUTHORITIES = 150
YEARS = list(range(2014, 2024))
RUNS = 5


def _median_seconds(work) -> float:
    work()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run_one(indicators: int) -> dict:
    """In a child process: migrate a fresh database, make the data, time the profile and the tight SQL."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection, transaction

    from jointly.core.serving import tune_garbage_collector

    tune_garbage_collector()  # as each app server worker is, once loaded (jointly/wsgi.py)

    from jointly.accounts.models import Role
    from jointly.needs.models import Breakdown, IndicatorDefinition, Observation
    from jointly.needs.profiles import area_profile
    from jointly.places.models import Area
    from tests.factories import TrustFactory, UserFactory

    with transaction.atomic():
        england = Area.objects.create(code="E92000001", name="England", kind=Area.Kind.COUNTRY, boundary_year=2023)
        region = Area.objects.create(code="E12000009", name="South West", kind=Area.Kind.REGION, boundary_year=2023, parent=england)
        authorities = Area.objects.bulk_create(
            Area(code=f"E06{900000 + n:06d}", name=f"Synthetic authority {n}", kind=Area.Kind.UPPER_TIER, boundary_year=2023, parent=region)
            for n in range(1, AUTHORITIES + 1)
        )
        authorities = list(Area.objects.filter(kind=Area.Kind.UPPER_TIER).order_by("code"))
        IndicatorDefinition.objects.bulk_create(
            IndicatorDefinition(code=f"bench/{n}", name=f"Indicator {n}", published=True) for n in range(indicators)
        )
        indicator_ids = list(IndicatorDefinition.objects.order_by("pk").values_list("pk", flat=True))
        total = Breakdown.total()
        places = [england, region, *authorities]
        table = Observation._meta.db_table
        rows = (
            (indicator_id, place.pk, str(year), year * 10000, total.pk, float((indicator_id * 31 + place.pk * 7 + year) % 1000))
            for indicator_id in indicator_ids
            for place in places
            for year in YEARS
        )
        with connection.cursor() as cursor:
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == 20000:
                    cursor.executemany(
                        f"INSERT INTO {table} (indicator_id, area_id, period, period_key, breakdown_id, value, suppression, note) "
                        "VALUES (%s, %s, %s, %s, %s, %s, '', '')",
                        batch,
                    )
                    batch = []
            if batch:
                cursor.executemany(
                    f"INSERT INTO {table} (indicator_id, area_id, period, period_key, breakdown_id, value, suppression, note) "
                    "VALUES (%s, %s, %s, %s, %s, %s, '', '')",
                    batch,
                )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}")
    area = authorities[0]
    trust = TrustFactory(area=area)
    admin = UserFactory(role=Role.ADMINISTRATOR)
    observations = Observation.objects.count()

    profile_rows = []

    def profile():
        built = area_profile(user=admin, trust=trust)
        profile_rows[:] = built.rows

    shown_ids = ", ".join(str(i) for i in indicator_ids)
    latest = YEARS[-1] * 10000

    def tight():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT indicator_id, area_id, period, period_key, value, lower_95, upper_95, count, denominator, suppression "
                f"FROM {table} WHERE breakdown_id = %s AND area_id IN (%s, %s, %s) AND indicator_id IN ({shown_ids})",
                [total.pk, area.pk, england.pk, region.pk],
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT indicator_id, value FROM {table} WHERE breakdown_id = %s AND period_key = %s "
                f"AND area_id IN (SELECT id FROM places_area WHERE kind = %s) AND indicator_id IN ({shown_ids})",
                [total.pk, latest, Area.Kind.UPPER_TIER],
            )
            cursor.fetchall()

    profile_seconds = _median_seconds(profile)
    tight_seconds = _median_seconds(tight)
    if len(profile_rows) != indicators:
        raise SystemExit(f"The profile showed {len(profile_rows)} indicators, not {indicators}.")
    return {"observations": observations, "profile": profile_seconds, "tight": tight_seconds}


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    sizes = [int(arg) for arg in sys.argv[1:]] or [318, 1018]
    database_url = os.environ.get("DATABASE_URL", "")
    postgres = database_url.startswith("postgres")
    print(f"Engine: {'PostgreSQL' if postgres else 'SQLite (WAL)'}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    print(f"{'indicators':>10} {'cells':>10} {'profile s':>10} {'tight s':>9} {'ratio':>6}")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="jointly-bench-") as folder:
            env = dict(os.environ, DJANGO_SETTINGS_MODULE="jointly.settings", JOINTLY_DATA_DIR=folder, JOINTLY_ENV="development")
            if postgres:
                from bench_import import _recreate_postgres

                _recreate_postgres(database_url)
            else:
                env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            output = subprocess.run([sys.executable, __file__, "--child", str(size)], env=env, cwd=ROOT, capture_output=True, text=True)
            if output.returncode != 0:
                raise SystemExit(output.stderr[-3000:])
            result = json.loads(output.stdout.strip().splitlines()[-1])
            print(
                f"{size:>10,} {result['observations']:>10,} {result['profile']:>10.3f} {result['tight']:>9.3f} "
                f"{result['profile'] / result['tight']:>5.1f}x"
            )
    print("Target (issue 13): ratio at most 2.0x at 318 and 1,018 indicators.")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    main()
