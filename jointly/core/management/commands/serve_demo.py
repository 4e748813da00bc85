import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jointly.accounts.selectors import demo_people_with_codes
from jointly.core.serving import BACKGROUND, default_workers, exit_on_sigterm, gunicorn, run_until_one_stops, start


def bind_address(addrport: str) -> str:
    """gunicorn's --bind for an `addrport` as runserver takes it ("8123" alone means this machine only)."""
    host, _, port = addrport.rpartition(":")
    return f"{host or '127.0.0.1'}:{port}"


def site_url(addrport: str) -> str:
    """The address a browser reaches `addrport` at ("8123", "127.0.0.1:8123", "0.0.0.0:8123")."""
    host, _, port = addrport.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):
        host = "localhost"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = "Serve the demo: gunicorn's worker processes, the background worker and the scheduler together. Stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        # Several processes, as in production, so one slow page does not hold up everyone else's.
        parser.add_argument("--workers", type=int, default=default_workers())

    def handle(self, *args, addrport, workers, **options):
        if settings.PRODUCTION:
            self.stderr.write("serve_demo is for the demo only.")
            raise SystemExit(1)
        if not os.environ.get("JOINTLY_SITE_URL"):
            # Links in the emails the demo sends lead back to the address it is served at: in this
            # process (the web server) and, through the environment, in the worker and scheduler.
            os.environ["JOINTLY_SITE_URL"] = settings.JOINTLY_SITE_URL = site_url(addrport)
        self._print_sign_ins()
        exit_on_sigterm()
        stopped = run_until_one_stops(start({"web server": gunicorn(bind_address(addrport), workers), **BACKGROUND}))
        if stopped is not None:
            name, code = stopped
            raise CommandError(f"The demo's {name} stopped (exit code {code}), so the others were stopped too.")

    def _print_sign_ins(self):
        from jointly.partnerships.demo import DEMO_PASSWORD

        self.stdout.write(self.style.SUCCESS(f"\nJointly demo: {settings.JOINTLY_SITE_URL}/"))
        self.stdout.write(f"Every demo person's password: {DEMO_PASSWORD}")
        if settings.DEMO_MODE:
            self.stdout.write("Security codes, where a role needs one, are shown on the sign-in page.")
        self.stdout.write("Sign in as:")
        for row in demo_people_with_codes(current_code=lambda device: ""):
            person = row["user"]
            self.stdout.write(f"  {person.get_role_display():40} {person.email}")
        self.stdout.write("")
