"""A stand-in for a new app (procurement, say): it plugs into the site from its own folder alone (tests/core/test_registry.py)."""
