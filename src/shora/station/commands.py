"""``shora station enrol | serve | forward``: the station process's command line.

None of them sets up the centre's Django project: the station has its own settings
(``shora.station.settings``), used only by ``serve``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from shora.station.errors import StationRefusal, refusal
from shora.station.journal import Journal, Setting


def _password_from(file_name: str) -> str:
    """The console password: the file's first line (``-`` reads standard input)."""
    try:
        text = sys.stdin.read() if file_name == "-" else Path(file_name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise refusal(
            StationRefusal.BAD_CONSOLE_PASSWORD,
            fa=f"پروندهٔ گذرواژهٔ پیشخوان خوانده نشد: {error}",
            en=f"The console password file could not be read: {error}",
        ) from error
    lines = text.splitlines()
    return lines[0] if lines else ""


def enrol_command(args: argparse.Namespace) -> int:
    from shora.station.enrolment import station_enrol

    journal = station_enrol(
        journal_path=args.journal,
        centre_url=args.centre,
        code=args.code,
        console_password=_password_from(args.console_password_file),
        label=args.label or "",
    )
    station = journal.setting_json(Setting.STATION) or {}
    election = journal.setting_json(Setting.ELECTION) or {}
    fingerprint = journal.setting(Setting.KEY_FINGERPRINT) or "—"
    print(f"شعبهٔ {station.get('code')} «{station.get('name')}» ثبت‌نام شد: {journal.path}")
    print(f"Station {station.get('code')} ({station.get('name')}) enrolled: {journal.path}")
    print(f"election: {election.get('name')} · key fingerprint: {fingerprint}")
    return 0


def serve_command(args: argparse.Namespace) -> int:
    """Serve the console with gunicorn: ONE worker process with threads. One process is the
    journal's only writer and holds the forwarding thread; threads let the desk, the voting
    screens and the forwarder go on side by side, each with its own SQLite connection (WAL
    lets them read while one writes)."""
    journal = Journal.open(args.journal)  # refuses a missing or never-enrolled journal
    host = args.bind.rpartition(":")[0] or "127.0.0.1"
    hosts = os.environ.get("SHORA_ALLOWED_HOSTS") or f"localhost,127.0.0.1,{host}"
    environment = {
        **os.environ,
        "SHORA_STATION_JOURNAL": str(journal.path.resolve()),
        "DJANGO_SETTINGS_MODULE": "shora.station.settings",
        "SHORA_ALLOWED_HOSTS": hosts,
    }
    journal.close()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "shora.station.wsgi:application",
        "--bind",
        args.bind,
        "--workers",
        "1",
        "--worker-class",
        "gthread",
        "--threads",
        str(args.threads),
        "--timeout",
        "120",  # printing a long ballot's PDF may take seconds on a small machine
        "--access-logfile",
        "-",
    ]
    sys.stdout.flush()
    os.execvpe(command[0], command, environment)  # noqa: S606 - replaces this process
    return 0  # pragma: no cover


def forward_command(args: argparse.Namespace) -> int:
    from shora.station.forwarding import forward_pending

    journal = Journal.open(args.journal)
    report = forward_pending(journal, attempts=args.attempts)
    counts = journal.counts()
    print(
        f"batches sent: {report.batches_sent} (already held by the centre: {report.duplicates}); "
        f"entries stored: {report.entries_stored}, refused: {report.entries_refused}; "
        f"voids sent: {report.voids_sent}; still waiting: {counts.batches_unsent} batches, "
        f"{counts.ballots_pending} ballots"
    )
    if counts.provisional_ballots:
        print(
            f"provisional ballots: {report.provisional_accepted} accepted and "
            f"{report.provisional_rejected} rejected now, {report.provisional_refused} refused "
            f"for now; awaiting the centre: {counts.provisional_awaiting}"
        )
    return 0
