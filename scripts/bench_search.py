"""Benchmark the directory's search at 50,000 services beside the bare index lookup it stands on.

    .venv/bin/python scripts/bench_search.py                 # 50,000 services, SQLite
    .venv/bin/python scripts/bench_search.py 20000           # another size
    DATABASE_URL=postgres://… scripts/bench_search.py        # against PostgreSQL (a database it may drop and recreate)

One fresh process and database per run: 2,000 organisations with published directory entries
and the services spread over 150 made-up authorities (codes E06900001…, a range ONS has not
issued), named and described from a small vocabulary so a word matches a few per cent of them.
Each search is what the directory page asks for: the count and the first page of 20 with
everything the page shows (`directory_search` and the paginator). The reference is the bare
index lookup for the same words (FTS5 MATCH on SQLite, the trigram-indexed ILIKE on PostgreSQL):
the count and 20 ids. p50 and p95 over 40 runs of each, after a warm-up.
Target (issue 13): the search's p95 under 100 ms at 50,000 services on both databases.
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
sys.path.insert(0, str(ROOT))
RUNS = 40
WORDS = "family young carers support parents advice housing school mental health youth club mentoring play early help".split()
SEARCHES = [("free text", {"query": "carers"}), ("two words", {"query": "support families"}), ("a place", {"place": "E06900007"})]


def _percentiles(work) -> tuple[float, float]:
    work()
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def run_one(services: int) -> dict:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django.core.paginator import Paginator
    from django.db import connection, transaction
    from django.utils import timezone

    from jointly.partnerships.models import LegalForm, Organisation, Sector
    from jointly.places.models import Area
    from jointly.providers.models import DirectoryService, ProviderProfile
    from jointly.providers.selectors import DirectoryFilters, directory_search
    from jointly.providers.taxonomy import Approach, Tier

    with transaction.atomic():
        england = Area.objects.create(code="E92000001", name="England", kind=Area.Kind.COUNTRY, boundary_year=2023)
        Area.objects.bulk_create(
            Area(code=f"E06{900000 + n:06d}", name=f"Synthetic authority {n}", kind=Area.Kind.UPPER_TIER, boundary_year=2023, parent=england)
            for n in range(1, 151)
        )
        places = list(Area.objects.filter(kind=Area.Kind.UPPER_TIER).order_by("code"))
        Organisation.objects.bulk_create(
            Organisation(
                name=f"Organisation {n} {WORDS[n % len(WORDS)]}",
                slug=f"organisation-{n}",
                sector=Sector.choices[0][0],
                legal_form=LegalForm.choices[0][0],
            )
            for n in range(2000)
        )
        organisations = list(Organisation.objects.order_by("pk"))
        ProviderProfile.objects.bulk_create(ProviderProfile(organisation=o, published_at=timezone.now()) for o in organisations)
        DirectoryService.objects.bulk_create(
            (
                DirectoryService(
                    organisation=organisations[n % len(organisations)],
                    name=f"{WORDS[n % len(WORDS)].title()} {WORDS[(n * 7) % len(WORDS)]} service {n}",
                    description=f"A {WORDS[(n * 3) % len(WORDS)]} and {WORDS[(n * 11) % len(WORDS)]} service for children and families.",
                    eligibility=f"Aged {n % 18} to {n % 18 + 5}",
                    tier=Tier.choices[n % len(Tier.choices)][0],
                    approach=Approach.choices[n % len(Approach.choices)][0],
                )
                for n in range(services)
            ),
            batch_size=2000,
        )
        through = DirectoryService.areas.through
        ids = list(DirectoryService.objects.values_list("pk", flat=True))
        through.objects.bulk_create(
            (through(directoryservice_id=pk, area_id=places[n % len(places)].pk) for n, pk in enumerate(ids)), batch_size=5000
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    results = {}
    for label, filters in SEARCHES:

        def search(filters=filters):
            page = Paginator(directory_search(DirectoryFilters(**filters)), 20).page(1)
            list(page.object_list)
            return page.paginator.count

        found = search()

        def bare(filters=filters):
            with connection.cursor() as cursor:
                if "place" in filters:
                    area = "SELECT id FROM places_area WHERE code = %s"
                    where, params = f"id IN (SELECT directoryservice_id FROM {through._meta.db_table} WHERE area_id IN ({area}))", [filters["place"]]
                    cursor.execute(f"SELECT count(*) FROM providers_directoryservice WHERE {where}", params)
                    cursor.fetchone()
                    cursor.execute(f"SELECT id FROM providers_directoryservice WHERE {where} LIMIT 20", params)
                    return cursor.fetchall()
                words = filters["query"].split()
                if connection.vendor == "sqlite":
                    match = " AND ".join(f'"{w}"' for w in words)
                    cursor.execute("SELECT count(*) FROM providers_service_search WHERE providers_service_search MATCH %s", [match])
                    cursor.fetchone()
                    cursor.execute("SELECT rowid FROM providers_service_search WHERE providers_service_search MATCH %s LIMIT 20", [match])
                else:
                    where = " AND ".join(["(name || ' ' || description || ' ' || eligibility) ILIKE %s"] * len(words))
                    params = [f"%{w}%" for w in words]
                    cursor.execute(f"SELECT count(*) FROM providers_directoryservice WHERE {where}", params)
                    cursor.fetchone()
                    cursor.execute(f"SELECT id FROM providers_directoryservice WHERE {where} LIMIT 20", params)
                return cursor.fetchall()

        search_p50, search_p95 = _percentiles(search)
        bare_p50, bare_p95 = _percentiles(bare)
        results[label] = {"found": found, "search": [search_p50, search_p95], "bare": [bare_p50, bare_p95]}
    return results


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        print(json.dumps(run_one(int(sys.argv[2]))))
        return
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    database_url = os.environ.get("DATABASE_URL", "")
    postgres = database_url.startswith("postgres")
    print(f"Directory search, {size:,} services. Engine: {'PostgreSQL' if postgres else 'SQLite (WAL)'}; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="jointly-bench-") as folder:
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="jointly.settings", JOINTLY_DATA_DIR=folder, JOINTLY_ENV="development")
        if postgres:
            sys.path.insert(0, str(ROOT / "scripts"))
            from bench_import import _recreate_postgres

            _recreate_postgres(database_url)
        else:
            env["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
        output = subprocess.run([sys.executable, __file__, "--child", str(size)], env=env, cwd=ROOT, capture_output=True, text=True)
        if output.returncode != 0:
            raise SystemExit(output.stderr[-3000:])
        results = json.loads(output.stdout.strip().splitlines()[-1])
    print(f"{'search':>12} {'found':>7} {'p50 ms':>8} {'p95 ms':>8} {'bare p50':>9} {'bare p95':>9} {'× bare p95':>11}")
    for label, result in results.items():
        (s50, s95), (b50, b95) = result["search"], result["bare"]
        print(f"{label:>12} {result['found']:>7,} {s50 * 1000:>8.1f} {s95 * 1000:>8.1f} {b50 * 1000:>9.1f} {b95 * 1000:>9.1f} {s95 / b95:>10.1f}x")
    print("Target (issue 13): p95 under 100 ms at 50,000 services.")


if __name__ == "__main__":
    main()
