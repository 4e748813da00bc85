LOADED = []


def load(stdout=None):
    LOADED.append("registry_example")
