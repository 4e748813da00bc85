"""The settings pytest uses (pyproject.toml): Jointly's own, with JOINTLY_ENV=test.

Unset, JOINTLY_ENV means production, and pytest-django reads the settings
before any conftest runs, so the test environment is fixed here. It is set in
the process environment, so commands a test starts in a subprocess inherit it.
"""

import os

os.environ["JOINTLY_ENV"] = "test"

from jointly.settings import *  # noqa: E402,F403
