"""`migrate` connects as the tables' owner when DATABASE_OWNER_URL is set, then re-grants the application's role.

The application's own role (DATABASE_URL) cannot change the schema, so it
cannot drop or disable the audit trail's triggers either. Without
DATABASE_OWNER_URL (SQLite, development, tests) this is Django's migrate.
"""

from django.core.management.commands.migrate import Command as DjangoMigrate

from jointly.audit.database_roles import (
    app_role_exists,
    app_role_grant,
    app_role_name,
    owner_configured,
    owner_connection,
)


class Command(DjangoMigrate):
    def handle(self, *args, **options):
        using = options["database"]
        if not owner_configured(using):
            return super().handle(*args, **options)
        app_role = app_role_name(using)
        with owner_connection(using) as connection:
            super().handle(*args, **options)
            if options.get("plan") or options.get("check_unapplied"):
                return
            owner = connection.settings_dict.get("USER")
            if not app_role or app_role == owner:
                return
            # New tables have the default privileges already; this also keeps the audit trail insert-only.
            if app_role_exists(role=app_role, using=using):
                app_role_grant(role=app_role, using=using)
            elif options["verbosity"]:
                self.stdout.write(f"The application's role {app_role} does not exist yet: run `jointly grant-app-role`.")
