def load(stdout=None) -> None:
    """Loads nothing yet."""
