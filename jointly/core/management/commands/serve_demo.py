import os

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from jointly.accounts.selectors import demo_people_with_codes
from jointly.core.serving import BACKGROUND, exit_on_sigterm, start, stop


def site_url(addrport: str) -> str:
    """The address a browser reaches runserver's `addrport` at ("8123", "127.0.0.1:8123", "0.0.0.0:8123")."""
    host, _, port = addrport.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):
        host = "localhost"
    return f"http://{host}:{port}"


class Command(BaseCommand):
    help = "Serve the demo: web server, background worker and scheduler together. Stop with Ctrl+C."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        if settings.PRODUCTION:
            self.stderr.write("serve_demo is for the demo only.")
            raise SystemExit(1)
        if not os.environ.get("JOINTLY_SITE_URL"):
            # Links in the emails the demo sends lead back to the address it is served at: in this
            # process (the web server) and, through the environment, in the worker and scheduler.
            os.environ["JOINTLY_SITE_URL"] = settings.JOINTLY_SITE_URL = site_url(addrport)
        self._print_sign_ins()
        exit_on_sigterm()
        children = start(BACKGROUND)
        try:
            call_command("runserver", addrport, use_reloader=False)
        finally:
            stop(children)

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
