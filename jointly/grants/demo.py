"""Demo grants: filled in below."""


def load(*, stdout=None):
    return None
