"""Password hashing: Argon2id at OWASP's recommended cost, with a cap on concurrent hashes.

Django's default Argon2 parameters (100 MiB, 8 lanes) take a third of a second of both cores of
this machine per login; OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane) takes a few tens of
milliseconds of one core. A semaphore also caps how many hashes one process computes at once, so
a burst of logins queues up instead of starving the rest of the portal (see bench/README.md)."""

import threading

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

_slots = threading.BoundedSemaphore(getattr(settings, "PASSWORD_HASHING_CONCURRENCY", 1))


class CappedArgon2PasswordHasher(Argon2PasswordHasher):
    # The algorithm name stays "argon2": existing hashes verify, and Django re-hashes them at the
    # next login when their cost differs (must_update).
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password, salt):
        with _slots:
            return super().encode(password, salt)

    def verify(self, password, encoded):
        with _slots:
            return super().verify(password, encoded)
