"""What every ``shora bench`` shares: its own PostgreSQL database, made anew for each run,
and the description of the machine printed beside the figures."""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Sequence

import dj_database_url
import psycopg
from django.db import connection

#: PostgreSQL settings printed with every bench's figures
SHOWN_SETTINGS = (
    "server_version", "shared_buffers", "work_mem", "max_wal_size", "synchronous_commit",
    "max_connections",
)  # fmt: skip


def is_postgres_url(url: str) -> bool:
    return bool(dj_database_url.parse(url)["ENGINE"] == "django.db.backends.postgresql")


def database_recreate(url: str) -> None:
    """Drop the database ``url`` names (closing its sessions) and create it empty."""
    settings = dj_database_url.parse(url)
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or 5432,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
        maintenance.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def rerun_on_fresh_database(url: str, mark: str, command_line: Sequence[str]) -> None:
    """Make ``url``'s database anew and run this same ``shora`` command again on it.

    Django's settings read the database once, at start-up, so the bench starts itself again
    with ``SHORA_DATABASE_URL`` set; ``mark`` in the environment tells the new process that
    it is the rerun, and this function then returns at once.
    """
    if os.environ.get(mark) == url:
        return
    database_recreate(url)
    environment = {**os.environ, "SHORA_DATABASE_URL": url, mark: url}
    sys.stdout.flush()
    command = [sys.executable, "-m", "shora.cli", *command_line]
    os.execve(sys.executable, command, environment)  # noqa: S606 - ourselves, on the new database


def _processor() -> str:
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown processor"


def machine_description() -> str:
    """Cores, processor, memory, system, Python and the database's settings that matter."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    shown = []
    with connection.cursor() as cursor:
        for name in SHOWN_SETTINGS:
            cursor.execute(f"SHOW {name}")
            shown.append(f"{name} {cursor.fetchone()[0]}")
    return (
        f"{os.cpu_count()} cores ({_processor()}), {memory:.0f} GiB, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, PostgreSQL: " + ", ".join(shown)
    )
