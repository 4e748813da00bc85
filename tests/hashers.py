from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 with the smallest costs: the same algorithm and hash format, fast enough for tests."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1
