from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jointly.core.serving import BACKGROUND, default_workers, exit_on_sigterm, gunicorn, run_until_one_stops, start


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
        web = gunicorn(bind, workers)
        exit_on_sigterm()
        stopped = run_until_one_stops(start({"web server": web, **BACKGROUND}))
        if stopped is None:
            return
        name, code = stopped
        # One stopping on its own is a fault whatever its code: the service manager should restart the whole.
        raise CommandError(f"The {name} stopped (exit code {code}), so the others were stopped too.")
