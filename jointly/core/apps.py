from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jointly.core"
    label = "core"
    verbose_name = "Shared pieces"

    # No navigation entry: the service name in the header is the way home.
    url_modules = ("jointly.core.urls",)

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, pre_migrate

        from . import page_cache, tasks  # noqa: F401  (tasks registers the stopped-jobs sweep with the scheduler)

        # Every connection, in every process, notes its writes, so kept pages retire after any change.
        connection_created.connect(page_cache.watch, dispatch_uid="jointly-page-cache-watch")
        pre_migrate.connect(page_cache.migration_started, dispatch_uid="jointly-page-cache-migrating")
        post_migrate.connect(page_cache.migration_finished, dispatch_uid="jointly-page-cache-migrated")
