"""Benchmark the DfE importer: rows per second and peak memory for 100k and 1M rows.

    .venv/bin/python scripts/bench_import.py            # 100,000 and 1,000,000 rows, SQLite
    .venv/bin/python scripts/bench_import.py 250000     # other sizes
    DATABASE_URL=postgres://… scripts/bench_import.py   # against PostgreSQL (a database it may drop and recreate)

Each size runs in a fresh process with a fresh database in a temporary
folder, so the peak memory of one does not hide the other. The files are
synthetic but shaped like DfE's tidy CSV: 150 made-up authorities (codes
E06900001…, a range ONS has not issued), 20 years, two filter columns
that become breakdowns, one indicator column with about 3% suppressed
cells ('c', 'z', 'x'). One row is one observation.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "la_name",
    "new_la_code",
    "age_band",
    "pupil_group",
    "number",
]
AUTHORITIES = [(f"E06{900000 + n:06d}", f"Synthetic authority {n}", 800 + n) for n in range(1, 151)]
YEARS = [str(year) for year in range(2004, 2024)]
AGES = [f"Aged {a} to {a + 1}" for a in range(0, 24, 2)]
GROUPS = [f"Group {chr(65 + g)}" for g in range(28)]
SPEC = {"dataset": "bench", "indicator_columns": ["number"], "filter_columns": ["age_band", "pupil_group"]}


def write_file(path: Path, rows: int) -> None:
    codes = ("c", "z", "x")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        combos = product(AUTHORITIES, YEARS, AGES, GROUPS)
        for n, ((code, name, old), year, age, group) in enumerate(combos):
            if n >= rows:
                break
            value = codes[n % 3] if n % 33 == 0 else str((n * 7919) % 5000)
            writer.writerow(
                [year, "Calendar year", "Local authority", "E92000001", "England", "E12000009", "South West", old, name, code, age, group, value]
            )
    if n + 1 < rows:
        raise SystemExit(f"The synthetic design has only {n + 1} distinct rows.")


def run_one(path: Path) -> dict:
    """In a child process: migrate a fresh database, import the file, report."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from jointly.needs import services
    from jointly.needs.models import Observation

    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    run, _ = services.indicators_import_path(path=path, format="dfe", spec=SPEC)
    seconds = time.perf_counter() - started
    if run.status != "succeeded":
        raise SystemExit(f"The import did not succeed: {run.message} {run.errors[:3]}")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "bare_seconds": _bare_load_seconds(path, Observation),
        "observations": Observation.objects.count(),
        "seconds": seconds,
        "peak_rss_mb": peak_kb / 1024,
        "rss_growth_mb": (peak_kb - baseline_kb) / 1024,
        "suppressed": run.observations_suppressed,
    }


def _bare_load_seconds(path: Path, Observation) -> float:
    """The reference: the least work that loads this file. Read it with the csv module, look each code up
    in a dict of the ids the import made, and write the rows in batches straight into a copy of the table
    with its unique index and no foreign keys (COPY on PostgreSQL, executemany INSERT on SQLite): no
    checks, no errors reported, no upsert."""
    from django.db import connection, transaction

    from jointly.needs.models import Breakdown, IndicatorDefinition
    from jointly.places.models import Area

    table = Observation._meta.db_table
    columns = ["indicator_id", "area_id", "period", "period_key", "breakdown_id", "value", "suppression", "note"]
    areas = dict(Area.objects.values_list("code", "id"))
    breakdowns = {tuple(sorted(b.dimensions.values())): b.pk for b in Breakdown.objects.all()}
    indicator_id = IndicatorDefinition.objects.get().pk
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE TABLE bench_bare (LIKE {table} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES)")
        else:
            cursor.execute(f"CREATE TABLE bench_bare AS SELECT * FROM {table} WHERE 0")
            cursor.execute("CREATE UNIQUE INDEX bench_bare_cell ON bench_bare (indicator_id, area_id, period_key, breakdown_id)")
    insert = f"INSERT INTO bench_bare ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor, open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        batch = []

        def write():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY bench_bare ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
            else:
                cursor.executemany(insert, batch)
            batch.clear()

        for row in reader:
            number = row[12]
            value, suppression = (None, number) if number in ("c", "z", "x") else (float(number), "")
            batch.append(
                (indicator_id, areas[row[9]], row[0], int(row[0]) * 10000, breakdowns[tuple(sorted((row[10], row[11])))], value, suppression, "")
            )
            if len(batch) == 10_000:
                write()
        if batch:
            write()
    return time.perf_counter() - started


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(run_one(Path(sys.argv[2]))))
        return
    sizes = [int(arg) for arg in sys.argv[1:]] or [100_000, 1_000_000]
    database_url = os.environ.get("DATABASE_URL", "")
    print(
        f"Engine: {'PostgreSQL' if database_url.startswith('postgres') else 'SQLite (WAL, synchronous=NORMAL)'}; "
        f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}; {_calibrate():.2f} s for a 10-million-step "
        "Python loop (other work on the machine slows every figure below)"
    )
    reference = "bare COPY" if database_url.startswith("postgres") else "bare insert"
    print(f"{'rows':>10} {'seconds':>8} {'rows/s':>9} {reference + ' s':>14} {'× bare':>7} {'peak RSS':>9} {'growth':>8}  file")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="jointly-bench-") as folder:
            path = Path(folder) / f"synthetic_{size}.csv"
            write_file(path, size)
            env = dict(os.environ, DJANGO_SETTINGS_MODULE="jointly.settings", JOINTLY_DATA_DIR=folder, JOINTLY_ENV="development")
            if not database_url.startswith("postgres"):
                env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
            else:
                _recreate_postgres(database_url)
            output = subprocess.run([sys.executable, __file__, "--child", str(path)], env=env, cwd=ROOT, capture_output=True, text=True)
            if output.returncode != 0:
                raise SystemExit(output.stderr[-3000:])
            result = json.loads(output.stdout.strip().splitlines()[-1])
            if result["observations"] != size:
                raise SystemExit(f"Expected {size} observations, found {result['observations']}.")
            mb = path.stat().st_size / 1e6
            print(
                f"{size:>10,} {result['seconds']:>8.1f} {size / result['seconds']:>9,.0f} "
                f"{result['bare_seconds']:>14.1f} {result['bare_seconds'] / result['seconds']:>6.2f}x "
                f"{result['peak_rss_mb']:>7.0f}MB {result['rss_growth_mb']:>6.0f}MB  {mb:.0f} MB CSV, "
                f"{result['suppressed']:,} suppressed; load average now {os.getloadavg()[0]:.1f}"
            )


def _calibrate() -> float:
    started = time.perf_counter()
    total = 0
    for step in range(10_000_000):
        total += step
    return time.perf_counter() - started


def _recreate_postgres(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
