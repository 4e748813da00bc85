"""Run the web server with the background worker and the scheduler beside it, and stop them together.

`serve_demo` (the demo) and `serve` (production) both run gunicorn, with several worker processes.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import time

MANAGE = [sys.executable, "-m", "jointly.cli"]
BACKGROUND = {"background worker": [*MANAGE, "db_worker"], "scheduler": [*MANAGE, "run_scheduler"]}


def tune_garbage_collector() -> None:
    """Once the application is loaded: leave what is loaded out of the garbage collector's walks.

    Everything loaded by then (Django, the apps, the URL patterns) lives as long as the process.
    Frozen, the collector stops walking it on every full collection, which measured as a third to
    a half of a page's CPU time; a higher first threshold runs the young collections less often.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def default_workers() -> int:
    # Gunicorn's own advice: two per core, plus one.
    return 2 * (os.cpu_count() or 1) + 1


def gunicorn(bind: str, workers: int) -> list[str]:
    """The command for gunicorn serving Jointly at `bind` with `workers` processes (`serve` and `serve_demo`)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "jointly.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        # Its control socket sits at one path in $HOME, shared by every gunicorn on the machine; we do not use it.
        "--no-control-socket",
    ]


def run_until_one_stops(children: dict[str, subprocess.Popen]) -> tuple[str, int] | None:
    """Wait for the first child to stop, then stop the rest; its name and exit code, or None after Ctrl+C."""
    try:
        return wait_for_first_exit(children)
    except KeyboardInterrupt:
        return None
    finally:
        stop(children, timeout=30)  # gunicorn's own graceful timeout for requests in flight


def exit_on_sigterm() -> None:
    """Let a SIGTERM (from a service manager, or `kill`) unwind like Ctrl+C, so the children are stopped too."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


def start(commands: dict[str, list[str]]) -> dict[str, subprocess.Popen]:
    return {name: subprocess.Popen(command) for name, command in commands.items()}


def stop(children: dict[str, subprocess.Popen], timeout: float = 10) -> None:
    """Ask each child to finish its current job and stop; kill any still running after `timeout` seconds."""
    for child in children.values():
        if child.poll() is None:
            child.terminate()
    for child in children.values():
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def wait_for_first_exit(children: dict[str, subprocess.Popen], poll_seconds: float = 0.5) -> tuple[str, int]:
    """Block until one child stops; its name and exit code."""
    while True:
        for name, child in children.items():
            if (code := child.poll()) is not None:
                return name, code
        time.sleep(poll_seconds)
