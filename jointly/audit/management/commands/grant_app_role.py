"""`jointly grant-app-role`: create and grant the role the application connects as (PostgreSQL).

Runs as the tables' owner (DATABASE_OWNER_URL, if set). Safe to run again.
"""

import os

from django.core.management.base import BaseCommand, CommandError

from jointly.audit.database_roles import app_role_grant, app_role_name, owner_connection
from jointly.core.errors import FieldErrors


class Command(BaseCommand):
    help = "Create (if missing) and grant the application's PostgreSQL role: rows only, and only adding audit entries."

    def add_arguments(self, parser):
        parser.add_argument("--role", help="The application's role. Default: the user in DATABASE_URL.")
        parser.add_argument(
            "--password-from-env",
            metavar="VARIABLE",
            help="Set the role's password from this environment variable (never on the command line, where others can see it).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, role=None, password_from_env=None, database="default", **options):
        role = role or app_role_name(database)
        password = None
        if password_from_env:
            password = os.environ.get(password_from_env)
            if not password:
                raise CommandError(f"The environment variable {password_from_env} is not set.")
        try:
            with owner_connection(database):
                done = app_role_grant(role=role, password=password, using=database)
        except FieldErrors as error:
            raise CommandError(str(error)) from None
        for line in done:
            self.stdout.write(line)
