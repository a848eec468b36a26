"""One lock per person and election, shared by everything that gives a person a role.

Giving a post checks the person's candidacies, and registering a candidacy checks the
person's posts: two such checks running at once could each miss the other's row. Both
take this lock first, so they run one after the other. On PostgreSQL it is a transaction
advisory lock keyed by the election and the national code (released at commit); SQLite
already runs one writing transaction at a time (IMMEDIATE transactions), so nothing more
is needed there.
"""

from __future__ import annotations

import hashlib

from django.db import connection


def _key(election_id: int, national_code: str) -> int:
    digest = hashlib.blake2b(f"shora:person:{election_id}:{national_code}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


def lock_national_code(*, election_id: int, national_code: str) -> None:
    """Hold the lock of this person in this election until the transaction ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_national_code must run inside the service's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_key(election_id, national_code)])
