import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jointly.core.serving import BACKGROUND, exit_on_sigterm, start, stop, wait_for_first_exit


def default_workers() -> int:
    # Gunicorn's own advice: two per core, plus one.
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = (
        "Serve Jointly in production: gunicorn's worker processes, the background worker and the scheduler. "
        "Settings come from the environment (README, 'Running in production'). Stops them all if one stops."
    )

    def add_arguments(self, parser):
        parser.add_argument("--bind", default="127.0.0.1:8000", help="address and port for gunicorn (behind your proxy)")
        parser.add_argument("--workers", type=int, default=default_workers(), help="gunicorn worker processes")

    def handle(self, *args, bind, workers, **options):
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise CommandError("The database has migrations still to apply: run `jointly migrate` first.")
        connection.close()
        web = [
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
        exit_on_sigterm()
        children = start({"web server": web, **BACKGROUND})
        try:
            name, code = wait_for_first_exit(children)
        except KeyboardInterrupt:
            return
        finally:
            stop(children, timeout=30)  # gunicorn's own graceful timeout for requests in flight
        # One stopping on its own is a fault whatever its code: the service manager should restart the whole.
        raise CommandError(f"The {name} stopped (exit code {code}), so the others were stopped too.")
