"""Load-test the demo as `make demo` serves it, beside a bare WSGI app on the same server: p50/p95/p99, req/s, errors.

    .venv/bin/python scripts/bench_load.py                      # 50 users for 30 s, SQLite demo database
    .venv/bin/python scripts/bench_load.py --users 20 --seconds 60 --workers 4
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jointly scripts/bench_load.py

The database must hold the demo (`make demo` once, or `jointly migrate` and `jointly load_demo`).
Each simulated person loops over a short journey, half of them signed out (home, directory,
support offers) and half signed in as demo people who need no second factor (a provider, the
analyst, a board member, a participant). Both servers are gunicorn with the same number of sync
workers on loopback, driven by the same client, so the reference shows what the machine and the
client can do at all. Speed is measured here, never in the test suite.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIGNED_OUT_JOURNEY = ["/", "/directory/", "/capacity/offers/", "/directory/?q=family"]
SIGNED_IN_JOURNEY = ["/", "/directory/", "/organisations/", "/partnerships/", "/account/"]
# Demo people who sign in with a password alone (partnerships/demo.py).
SIGNED_IN_PEOPLE = ["provider@demo.jointly.example", "analyst@demo.jointly.example", "board@demo.jointly.example", "participant@demo.jointly.example"]
BARE_APP = "scripts.bench_bare_wsgi:application"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(app: str, port: int, workers: int, env: dict) -> subprocess.Popen:
    from jointly.core.serving import gunicorn

    command = gunicorn(f"127.0.0.1:{port}", workers)
    command[command.index("jointly.wsgi:application")] = app
    command[command.index("--access-logfile") + 1] = "/dev/null"
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            return server
        except OSError:
            if server.poll() is not None:
                raise SystemExit(f"{app} did not start:\n{server.stderr.read().decode()}") from None
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"{app} did not answer on port {port} within a minute.")


class Person:
    """One simulated person: a cookie jar, a journey, and the timings of every request made."""

    def __init__(self, port: int, journey: list[str]):
        self.port, self.journey, self.cookies = port, journey, {}
        self.timings: list[float] = []
        self.errors: dict[str, int] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://127.0.0.1:{self.port}/sign-in/"})
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, text

    def sign_in(self, email: str, password: str) -> None:
        _, page = self.request("GET", "/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not token:
            raise SystemExit("The sign-in page has no CSRF token: is this the Jointly demo?")
        status, _ = self.request("POST", "/sign-in/", {"csrfmiddlewaretoken": token.group(1), "email": email, "password": password})
        if status != 302:
            raise SystemExit(f"Signing in as {email} answered {status}: does the database hold the demo?")

    def run(self, until: float) -> None:
        step = 0
        while time.monotonic() < until:
            path = self.journey[step % len(self.journey)]
            step += 1
            started = time.perf_counter()
            try:
                status, _ = self.request("GET", path)
            except OSError as error:
                self.errors[type(error).__name__] = self.errors.get(type(error).__name__, 0) + 1
                continue
            self.timings.append(time.perf_counter() - started)
            if status >= 400:
                self.errors[str(status)] = self.errors.get(str(status), 0) + 1


def load(port: int, users: int, seconds: float, *, sign_in: bool) -> dict:
    from jointly.partnerships.demo import DEMO_PASSWORD

    people = []
    for n in range(users):
        if sign_in and n % 2:
            person = Person(port, SIGNED_IN_JOURNEY)
            person.sign_in(SIGNED_IN_PEOPLE[(n // 2) % len(SIGNED_IN_PEOPLE)], DEMO_PASSWORD)
        else:
            person = Person(port, SIGNED_OUT_JOURNEY if sign_in else ["/"])
        people.append(person)
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=person.run, args=(until,)) for person in people]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    timings = sorted(t for person in people for t in person.timings)
    errors: dict[str, int] = {}
    for person in people:
        for kind, count in person.errors.items():
            errors[kind] = errors.get(kind, 0) + count
    failed = sum(errors.values())
    answered = len(timings)

    def pct(p):
        return timings[min(len(timings) - 1, int(p / 100 * len(timings)))] * 1000 if timings else float("nan")

    return {
        "requests": answered,
        "per_second": answered / elapsed,
        "errors": failed,
        "error_share": failed / max(1, answered + errors.get("OSError", 0)),
        "kinds": errors,
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "mean": statistics.fmean(timings) * 1000 if timings else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()
    if not 1 <= options.users <= 500 or not 1 <= options.seconds <= 600:
        raise SystemExit("Keep the load bounded: 1 to 500 users, for 1 to 600 seconds.")

    env = {**os.environ, "JOINTLY_ENV": os.environ.get("JOINTLY_ENV", "development"), "JOINTLY_DEMO_MODE": "1"}
    os.environ.update(JOINTLY_ENV=env["JOINTLY_ENV"], DJANGO_SETTINGS_MODULE="jointly.settings")
    import django

    django.setup()  # for the demo's password, kept in one place (partnerships/demo.py)
    engine = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    rows = []
    for label, app, sign_in in (("Jointly demo", "jointly.wsgi:application", True), ("bare WSGI app", BARE_APP, False)):
        port = free_port()
        server = serve(app, port, options.workers, env)
        try:
            print(f"{label}: {options.users} users for {options.seconds:g} s on {options.workers} gunicorn workers…", flush=True)
            rows.append((label, load(port, options.users, options.seconds, sign_in=sign_in)))
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"\n{options.users} users, {options.seconds:g} s, {options.workers} workers, database: {engine}")
    print(f"{'':16} {'requests':>9} {'req/s':>8} {'errors':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for label, row in rows:
        print(
            f"{label:16} {row['requests']:9d} {row['per_second']:8.1f} {row['errors']:8d} {row['p50']:8.1f} {row['p95']:8.1f} {row['p99']:8.1f}"
            + (f"   {row['kinds']}" if row["kinds"] else "")
        )
    demo, bare = rows[0][1], rows[1][1]
    print(f"\nThe demo serves {demo['per_second'] / bare['per_second']:.3f}× the bare app's requests per second; errors {demo['error_share']:.2%}.")
    print("Targets (issue 13): 0 errors and p95 < 500 ms on both databases.")


if __name__ == "__main__":
    main()
