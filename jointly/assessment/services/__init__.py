"""Writes for the needs assessment. Import from the submodules: one per concept."""
