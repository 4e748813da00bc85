"""Every benchmark of issue 13 in one run, each figure beside its bare reference, on SQLite and PostgreSQL.

    .venv/bin/python scripts/bench_all.py          # `make bench-all`
    BENCH_QUICK=1 .venv/bin/python scripts/bench_all.py   # smaller sizes, a shorter load test

Runs, in turn on SQLite and (when it answers on 127.0.0.1:5432) on PostgreSQL:
- the DfE import against a bare csv-read-and-insert (SQLite) or COPY (PostgreSQL) of the same file;
- the area profile against the tight SQL for the cells it shows (318 and 1,018 indicators);
- the directory search at 50,000 services against the bare index lookup;
- a bounded 50-user loopback load test of the demo against a bare WSGI app on the same server.
Each step runs in fresh processes and databases (PostgreSQL: `jointly_bench`, dropped and remade).
Speed is measured here, never in the test suite; other work on the machine slows every figure,
so each step prints the load average it ran under.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
POSTGRES = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/jointly_bench")
QUICK = bool(os.environ.get("BENCH_QUICK"))


def _run(title: str, command: list[str], env: dict) -> None:
    print(f"\n=== {title} ===", flush=True)
    started = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT)
    if result.returncode != 0:
        print(f"(failed with exit code {result.returncode})")
    print(f"({time.perf_counter() - started:.0f} s)", flush=True)


def _demo_database(env: dict) -> None:
    """The load test serves the demo: migrate and load it into this engine's fresh database."""
    for step in (["migrate", "--no-input", "--verbosity", "0"], ["load_demo"]):
        subprocess.run([sys.executable, "-m", "jointly.cli", *step], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    sys.path.insert(0, str(SCRIPTS))
    from bench_import import _recreate_postgres

    answers = subprocess.run([sys.executable, str(SCRIPTS / "postgres_ready.py")]).returncode == 0
    engines = [("SQLite", None)] + ([("PostgreSQL", POSTGRES)] if answers else [])
    if len(engines) == 1:
        print("PostgreSQL is not answering on 127.0.0.1:5432: SQLite only.")
    python = sys.executable
    for engine, url in engines:
        base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env = dict(base, DATABASE_URL=url) if url else base
        label = f"{engine}"
        _run(f"{label}: import vs bare load", [python, str(SCRIPTS / "bench_import.py"), "100000" if QUICK else "1000000"], env)
        _run(f"{label}: area profile vs tight SQL", [python, str(SCRIPTS / "bench_profile.py"), *(["318"] if QUICK else [])], env)
        _run(f"{label}: directory search vs bare index", [python, str(SCRIPTS / "bench_search.py"), "20000" if QUICK else "50000"], env)
        with tempfile.TemporaryDirectory(prefix="jointly-bench-demo-") as folder:
            demo_env = dict(env, JOINTLY_ENV="development", JOINTLY_DEMO_MODE="1", JOINTLY_DATA_DIR=folder)
            if url:
                _recreate_postgres(url)
            else:
                demo_env["DATABASE_URL"] = f"sqlite:///{folder}/demo.sqlite3"
            print(f"\n(loading the demo into a fresh {engine} database for the load test…)", flush=True)
            _demo_database(demo_env)
            seconds = "10" if QUICK else "30"
            _run(f"{label}: 50 users vs bare WSGI", [python, str(SCRIPTS / "bench_load.py"), "--users", "50", "--seconds", seconds], demo_env)
    print("\nTargets (issue 13): import ≥ 0.5× bare on SQLite and ≥ 0.3× bare COPY on PostgreSQL; profile ≤ 2× the tight SQL;")
    print("search p95 < 100 ms at 50,000 services; 50 users: 0 errors and p95 < 500 ms; on both databases.")


if __name__ == "__main__":
    main()
