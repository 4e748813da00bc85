import time

from django.core.management.base import BaseCommand

from jointly.core.scheduling import registered_jobs, run_due_jobs


class Command(BaseCommand):
    help = "Run time-driven jobs (deadlines, reminders, term ends) when they fall due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run what is due now, then stop.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks (default 60).")

    def handle(self, *args, once=False, interval=60, **options):
        self.stdout.write(f"Scheduler: {len(registered_jobs())} jobs registered.")
        while True:
            for name, result in run_due_jobs():
                self.stdout.write(f"{name}: {result}")
            if once:
                return
            time.sleep(interval)
