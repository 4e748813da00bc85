import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from jointly.accounts.selectors import demo_people_with_codes


class Command(BaseCommand):
    help = "Serve the demo: web server, background worker and scheduler together. Stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if settings.PRODUCTION:
            self.stderr.write("serve_demo is for the demo only.")
            raise SystemExit(1)
        self._print_sign_ins(addrport)
        manage = [sys.executable, "-m", "jointly.cli"]
        children = [
            subprocess.Popen([*manage, "db_worker"]),
            subprocess.Popen([*manage, "run_scheduler"]),
        ]
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            for child in children:
                child.terminate()
            for child in children:
                child.wait(timeout=10)

    def _print_sign_ins(self, addrport):
        from jointly.partnerships.demo import DEMO_PASSWORD

        self.stdout.write(self.style.SUCCESS(f"\nJointly demo: http://{addrport}/"))
        self.stdout.write(f"Every demo person's password: {DEMO_PASSWORD}")
        if settings.DEMO_MODE:
            self.stdout.write("Security codes, where a role needs one, are shown on the sign-in page.")
        self.stdout.write("Sign in as:")
        for row in demo_people_with_codes(current_code=lambda device: ""):
            person = row["user"]
            self.stdout.write(f"  {person.get_role_display():40} {person.email}")
        self.stdout.write("")
