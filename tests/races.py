"""Races for the concurrency tests on PostgreSQL: threads released at the same instant,
each with its own database connection, so that the database and the locks, not luck,
decide who wins."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections


def race(workers: int, work: Callable[[int], Any]) -> tuple[list[Any], list[BaseException]]:
    """Run ``work(i)`` in ``workers`` threads released at the same instant; return what
    they returned and what they raised."""
    barrier = threading.Barrier(workers)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results.append(work(index))
        except BaseException as error:  # collected for the test to inspect
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def refusal_codes(errors: list[BaseException]) -> list[object]:
    """The refusal code of each error (its repr when it has none)."""
    return [getattr(error, "code", repr(error)) for error in errors]
