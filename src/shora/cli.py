"""The ``shora`` command: one verb for everything a person runs.

Django is set up only for the verbs that need it, so ``shora --help`` answers at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from shora.bench_verbs import add_bench_parser

Handler = Callable[[argparse.Namespace], int]


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shora.settings")
    import django

    django.setup()


def _migrate(quiet: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0 if quiet else 1)


def cmd_migrate(args: argparse.Namespace) -> int:
    django_setup()
    _migrate()
    return 0


def _serve(bind: str, workers: int) -> int:
    """Hand over to gunicorn, a production WSGI server (not Django's development server)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "shora.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        os.environ.get("SHORA_FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]
    sys.stdout.flush()
    os.execvp(command[0], command)  # noqa: S606 - replaces this process with the server
    return 0  # pragma: no cover


def cmd_serve(args: argparse.Namespace) -> int:
    django_setup()
    from django.core.management import call_command

    call_command("check", "--deploy", fail_level="ERROR", verbosity=0)
    _migrate(quiet=True)
    return _serve(args.bind, args.workers)


def cmd_demo(args: argparse.Namespace) -> int:
    django_setup()
    _migrate(quiet=True)
    from shora.demo.build import demo_accounts_table, demo_build

    demo_build(small=args.small, progress=True, rebuild=args.rebuild)
    host, _, port = args.bind.rpartition(":")
    print()
    print(f"shora demo: http://{host or '127.0.0.1'}:{port}/")
    print(demo_accounts_table())
    if args.no_serve:
        return 0
    return _serve(args.bind, args.workers)


def cmd_import_geography(args: argparse.Namespace) -> int:
    django_setup()
    from shora.elections.imports.commands import import_geography_command

    return import_geography_command(args)


def cmd_import_stations(args: argparse.Namespace) -> int:
    django_setup()
    from shora.elections.imports.commands import import_stations_command

    return import_stations_command(args)


def cmd_import_voters(args: argparse.Namespace) -> int:
    django_setup()
    from shora.registers.commands import import_voters_command

    return import_voters_command(args)


def cmd_import_candidates(args: argparse.Namespace) -> int:
    django_setup()
    from shora.candidates.commands import import_candidates_command

    return import_candidates_command(args)


def cmd_readiness_digest(args: argparse.Namespace) -> int:
    django_setup()
    from shora.readiness.commands import readiness_digest_command

    return readiness_digest_command(args)


def cmd_training_expand_sessions(args: argparse.Namespace) -> int:
    django_setup()
    from shora.training.commands import expand_sessions_command

    return expand_sessions_command(args)


def cmd_audit_verify(args: argparse.Namespace) -> int:
    django_setup()
    from shora.audit.commands import audit_verify_command

    return audit_verify_command(args)


def cmd_user_add(args: argparse.Namespace) -> int:
    django_setup()
    from shora.accounts.commands import user_add_command

    return user_add_command(args)


def cmd_polling_enrolment_code(args: argparse.Namespace) -> int:
    django_setup()
    from shora.polling.commands import enrolment_code_command

    return enrolment_code_command(args)


def cmd_tally(args: argparse.Namespace) -> int:
    django_setup()
    from shora.results.commands import tally_command

    return tally_command(args)


def cmd_recount(args: argparse.Namespace) -> int:
    django_setup()
    from shora.results.commands import recount_command

    return recount_command(args)


def cmd_record_export(args: argparse.Namespace) -> int:
    django_setup()
    from shora.results.record_export import record_export_command

    return record_export_command(args)


def cmd_device_token(args: argparse.Namespace) -> int:
    django_setup()
    from shora.accounts.commands import device_token_command

    return device_token_command(args)


def cmd_audit_sample(args: argparse.Namespace) -> int:
    """Each constituency's paper-audit sample re-drawn from a record, with the pure package
    only. Exit 0, or 1 when a constituency's could not be drawn, 2 when DIR is no record."""
    from shora_domain.election_record_audit import record_audit_samples

    samples = record_audit_samples(args.directory)
    if not samples:
        print(f"shora: {args.directory} holds no constituency of a record", file=sys.stderr)
        return 2
    for found in samples:
        if found.sample is None:
            print(f"{found.constituency_code}: {found.problem}")
            continue
        drawn = found.sample
        print(
            f"{found.constituency_code}: {len(drawn.sample)} of {len(drawn.stations)} stations: "
            f"{' '.join(drawn.sample)}  (seed {drawn.seed})"
        )
    return 1 if any(found.sample is None for found in samples) else 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Check an election record with the pure package only: no database, no settings.
    Exit 0 when nothing is wrong, 1 with discrepancies, 2 when DIR is not a record."""
    from shora_domain.election_record_verify import record_verify, report_lines
    from shora_domain.errors import DomainError
    from shora_domain.signed_documents import b64decode

    try:
        pinned = b64decode(args.centre_key) if args.centre_key else None
        report = record_verify(
            args.directory, centre_public_key=pinned, processes=args.processes
        )
    except DomainError as refusal:
        print(f"shora: {refusal.fa}\nshora: {refusal.en}", file=sys.stderr)
        return 2
    print("\n".join(report_lines(report)))
    return 0 if report.ok else 1


def cmd_simulate(args: argparse.Namespace) -> int:
    django_setup()
    _migrate(quiet=True)
    from shora.drills.commands import simulate_command

    return simulate_command(args)


def cmd_station(args: argparse.Namespace) -> int:
    """The station process's actions; they never set up the centre's Django project."""
    from shora.station import commands

    handlers: dict[str, Handler] = {
        "enrol": commands.enrol_command,
        "serve": commands.serve_command,
        "forward": commands.forward_command,
    }
    return handlers[args.station_verb](args)


def _add_station_parser(verbs: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    station = verbs.add_parser(
        "station", help="the polling station's process: enrol, serve the console, forward"
    )
    station.set_defaults(handler=cmd_station)
    actions = station.add_subparsers(dest="station_verb", metavar="ACTION", required=True)
    enrol = actions.add_parser("enrol", help="enrol a new journal with the centre (once)")
    enrol.add_argument("--centre", required=True, help="the centre's URL")
    enrol.add_argument("--code", required=True, help="the one-time enrolment code")
    enrol.add_argument("--journal", required=True, help="the journal file to create")
    enrol.add_argument(
        "--console-password-file",
        required=True,
        help="a file whose first line is the console password (- for standard input)",
    )
    enrol.add_argument("--label", help="how the centre lists this device")
    serve = actions.add_parser("serve", help="serve the station console and forward")
    serve.add_argument("--journal", required=True, help="the enrolled journal file")
    serve.add_argument(
        "--bind", default="127.0.0.1:8100", help="address:port (default %(default)s)"
    )
    serve.add_argument("--threads", type=int, default=8, help="(default %(default)s)")
    forward = actions.add_parser("forward", help="send what waits to the centre, once")
    forward.add_argument("--journal", required=True, help="the enrolled journal file")
    forward.add_argument(
        "--attempts", type=int, default=3, help="tries while unreachable (default %(default)s)"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shora",
        description="shora: an electronic city and village council election for a province.",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)

    demo = verbs.add_parser("demo", help="build the demo province (Khuzestan) and serve it")
    demo.add_argument("--small", action="store_true", help="a small province for quick tries")
    demo.add_argument("--rebuild", action="store_true", help="delete the demo data and build anew")
    demo.add_argument("--no-serve", action="store_true", help="build only, do not serve")
    demo.add_argument("--bind", default="127.0.0.1:8000", help="address:port (default %(default)s)")
    demo.add_argument("--workers", type=int, default=2)
    demo.set_defaults(handler=cmd_demo)

    serve = verbs.add_parser(
        "serve", help="serve the centre with gunicorn (configured from the environment)"
    )
    serve.add_argument(
        "--bind", default="127.0.0.1:8000", help="address:port (default %(default)s)"
    )
    serve.add_argument("--workers", type=int, default=int(os.environ.get("SHORA_WORKERS", "3")))
    serve.set_defaults(handler=cmd_serve)

    migrate = verbs.add_parser("migrate", help="create or update the database tables")
    migrate.set_defaults(handler=cmd_migrate)

    imports = verbs.add_parser(
        "import", help="import geography, stations, voters or candidates from xlsx/csv"
    )
    kinds = imports.add_subparsers(dest="kind", metavar="KIND", required=True)
    geography = kinds.add_parser("geography", help="counties, districts and constituencies")
    geography.add_argument("file")
    geography.add_argument("--election", type=int, required=True, help="the election's id")
    geography.add_argument("--report", help="where to write the bad-row report (.xlsx or .csv)")
    geography.set_defaults(handler=cmd_import_geography)
    stations = kinds.add_parser(
        "stations", help="polling stations and the constituencies they serve"
    )
    stations.add_argument("file")
    stations.add_argument("--election", type=int, required=True, help="the election's id")
    stations.add_argument("--report", help="where to write the bad-row report (.xlsx or .csv)")
    stations.set_defaults(handler=cmd_import_stations)

    voters = kinds.add_parser("voters", help="the civil-registry extract of voters")
    voters.add_argument("file")
    voters.add_argument("--election", type=int, required=True, help="the election's id")
    voters.add_argument(
        "--birth-calendar",
        choices=["jalali", "gregorian"],
        default="jalali",
        help="the calendar of the birth_date column (default %(default)s)",
    )
    voters.add_argument(
        "--import-good-rows",
        action="store_true",
        help="import the good rows even when some rows are bad (default: import nothing)",
    )
    voters.add_argument("--report", help="where to write the bad-row report (.xlsx or .csv)")
    voters.set_defaults(handler=cmd_import_voters)
    candidates = kinds.add_parser("candidates", help="candidates registered by a county")
    candidates.add_argument("file")
    candidates.add_argument("--election", type=int, required=True, help="the election's id")
    candidates.add_argument("--county", required=True, help="the registering county's code")
    candidates.add_argument("--report", help="where to write the bad-row report (.xlsx or .csv)")
    candidates.set_defaults(handler=cmd_import_candidates)

    add_bench_parser(verbs)

    readiness = verbs.add_parser("readiness", help="the infrastructure checklist's reminders")
    readiness_verbs = readiness.add_subparsers(
        dest="readiness_verb", metavar="ACTION", required=True
    )
    digest = readiness_verbs.add_parser(
        "digest", help="the daily digest of overdue and soon-due deficiencies (run it from cron)"
    )
    digest.add_argument("--election", type=int, help="the election's id (default: every real one)")
    digest.add_argument("--on", help="the day of the digest, Jalali (default: today)")
    digest.set_defaults(handler=cmd_readiness_digest)

    training = verbs.add_parser("training", help="training of the election's staff")
    training_verbs = training.add_subparsers(
        dest="training_verb", metavar="ACTION", required=True
    )
    expand = training_verbs.add_parser(
        "expand-sessions", help="write the weekly sessions missing up to polling day"
    )
    expand.add_argument("--election", type=int, help="the election's id (default: every real one)")
    expand.set_defaults(handler=cmd_training_expand_sessions)

    audit = verbs.add_parser("audit", help="check the hash-chained audit log")
    audit_verbs = audit.add_subparsers(dest="audit_verb", metavar="ACTION", required=True)
    verify = audit_verbs.add_parser("verify", help="find any edited, removed or reordered event")
    verify.set_defaults(handler=cmd_audit_verify)

    polling = verbs.add_parser("polling", help="election day at the centre")
    polling_verbs = polling.add_subparsers(dest="polling_verb", metavar="ACTION", required=True)
    enrolment = polling_verbs.add_parser(
        "enrolment-code", help="a one-time code with which a station's process enrols"
    )
    enrolment.add_argument("--election", type=int, required=True)
    enrolment.add_argument("--station", required=True, help="the station's code")
    enrolment.set_defaults(handler=cmd_polling_enrolment_code)

    simulate = verbs.add_parser(
        "simulate", help="drill every station of a county in a drill election, unattended"
    )
    simulate.add_argument("--election", required=True, help="the drill election's id")
    simulate.add_argument("--county", required=True, help="the county's code")
    simulate.add_argument("--voters", default="12", help="scripted voters per station (4-500)")
    simulate.add_argument("--seed", type=int, default=1405, help="the script's random seed")
    simulate.set_defaults(handler=cmd_simulate)

    tally = verbs.add_parser(
        "tally", help="run an open tally session once its key holders entered k shares"
    )
    tally.add_argument("--election", type=int, required=True)
    tally.set_defaults(handler=cmd_tally)

    recount = verbs.add_parser(
        "recount", help="recount a tallied constituency from its stored ballots (for the HQ)"
    )
    recount.add_argument("--election", type=int, required=True)
    recount.add_argument("--constituency", required=True, help="the constituency's code")
    recount.add_argument("--reason", required=True, help="why it is recounted (audited)")
    recount.set_defaults(handler=cmd_recount)

    record = verbs.add_parser("record", help="the published election record")
    record_verbs = record.add_subparsers(dest="record_verb", metavar="ACTION", required=True)
    export = record_verbs.add_parser(
        "export", help="write a tallied election's record, signed with the centre's key"
    )
    export.add_argument("--election", type=int, required=True)
    export.add_argument("directory", metavar="DIR", help="a new or empty directory")
    export.set_defaults(handler=cmd_record_export)

    user = verbs.add_parser("user", help="accounts and device tokens")
    user_verbs = user.add_subparsers(dest="user_verb", metavar="ACTION", required=True)
    add = user_verbs.add_parser("add", help="create a user with a role bound to a unit")
    add.add_argument("username")
    add.add_argument(
        "--role",
        required=True,
        choices=["province_hq", "county", "district", "station", "supervisor", "trainer"],
    )
    add.add_argument(
        "--unit", required=True, help="the unit's code (province, county, district or station)"
    )
    add.add_argument("--election", type=int, help="for a station user: the election's id")
    add.add_argument("--name", default="", help="full name")
    add.add_argument("--key-holder", action="store_true", help="will hold a key share (two-factor)")
    add.set_defaults(handler=cmd_user_add)
    token = user_verbs.add_parser("device-token", help="issue an API token for a station's device")
    token.add_argument("--election", type=int, required=True)
    token.add_argument("--station", required=True, help="the station's code")
    token.add_argument("--label", required=True, help="e.g. identity device 1")
    token.add_argument("--days", type=int, default=30, help="valid for this many days")
    token.set_defaults(handler=cmd_device_token)
    _add_station_parser(verbs)
    audit_sample = verbs.add_parser(
        "audit-sample",
        help="re-draw each constituency's paper-audit sample from a record (no database)",
    )
    audit_sample.add_argument("directory", metavar="DIR", help="the record's directory")
    audit_sample.set_defaults(handler=cmd_audit_sample)

    verify_record = verbs.add_parser(
        "verify", help="check a published election record (no database needed)"
    )
    verify_record.add_argument("directory", metavar="DIR", help="the record's directory")
    verify_record.add_argument(
        "--centre-key", help="the centre's public key (base64) the record must be signed with"
    )
    verify_record.add_argument(
        "--processes",
        type=int,
        default=None,
        help="processes that share the checks (default: every core for a large record)",
    )
    verify_record.set_defaults(handler=cmd_verify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one verb. A refusal by the election's rules is printed in Persian and English
    (no traceback) and exits with 1."""
    from shora_domain.errors import DomainError

    args = build_parser().parse_args(argv)
    # a bench starts itself again on its fresh database with the same words
    args.command_line = list(sys.argv[1:] if argv is None else argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except DomainError as refusal:
        print(f"shora: {refusal.fa}\nshora: {refusal.en}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
