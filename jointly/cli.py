"""The `jointly` console command: Django's management commands, with friendlier names.

`jointly import-indicators PATH` is `manage.py import_indicators PATH`.
Like every entry point, it runs as production unless JOINTLY_ENV says otherwise:
the make targets set it, and a developer exports JOINTLY_ENV=development.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jointly.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    argv[0] = "jointly"
    if len(argv) > 1 and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
