"""``shora readiness digest [--election ID] [--on JALALI_DATE]``: the daily digest.

For each election (the one asked for, else every real one) it composes the digest of
overdue and soon-due deficiencies per organisation and per county, keeps it (so that the
dashboards show the latest), and prints it. Run it from cron once a day. Exit codes: 0
done, 1 a refusal (an unreadable date, an unknown election), printed in both languages.
"""

from __future__ import annotations

import argparse
import datetime
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from shora.elections.models import Election
from shora.readiness.errors import ReadinessRefusal, refuse
from shora.readiness.services import digest_record
from shora_domain.digits import format_number
from shora_domain.jalali import format_jalali_date, parse_jalali_date
from shora_domain.readiness_deadlines import ReferenceDay, countdown_text

SEVERITY = {"blocking": "مانع / blocking", "major": "مهم / major", "minor": "جزئی / minor"}


def _elections(election_id: int | None) -> list[Election]:
    elections = Election.objects.select_related("province").order_by("pk")
    if election_id is None:
        return list(elections.filter(is_drill=False))
    found = list(elections.filter(pk=election_id))
    if not found:
        raise refuse(
            ReadinessRefusal.WRONG_ELECTION,
            fa=f"انتخاباتی با شناسهٔ {format_number(election_id)} نیست.",
            en=f"There is no election with id {election_id}.",
        )
    return found


def _print_organisations(console: Console, content: dict[str, Any]) -> None:
    """One block per organisation: who to call, how much is overdue, then the items."""
    console.print("[bold]به تفکیک سازمان / per organisation[/bold]")
    for entry in content["organisations"]:
        name = entry["name"] or "تعیین نشده / not yet assigned"
        contact = f"{entry['contact_person']} {entry['phone']}".strip()
        console.print(
            f"\n[bold]{escape(name)}[/bold] {escape(contact)}\n"
            f"  گذشته از مهلت / overdue: {entry['overdue']} · نزدیک به مهلت / due soon: "
            f"{entry['due_soon']} · بیشترین تأخیر / most days overdue: "
            f"{entry['days_overdue_most']}"
        )
        for item in entry["items"]:
            when = (
                f"{item['days_overdue']} روز تأخیر / days overdue"
                if item["overdue"]
                else f"مهلت / due {item['due_on'] or '—'}"
            )
            console.print(
                f"  - {escape(item['station_code'])} {escape(item['station'])} "
                f"({escape(item['county'])}): {escape(item['item'])} — "
                f"{SEVERITY[item['severity']]}; {when}"
            )
        if entry["more"]:
            console.print(
                f"  … و {format_number(entry['more'])} مورد دیگر / and {entry['more']} more"
            )


def _counties_table(content: dict[str, Any]) -> Table:
    table = Table(title="به تفکیک شهرستان / per county")
    for header in (
        "شهرستان / county",
        "گذشته از مهلت / overdue",
        "نزدیک به مهلت / due soon",
        "مانع / blocking",
    ):
        table.add_column(header)
    for entry in content["counties"]:
        table.add_row(
            f"{entry['name']} ({entry['name_en']})",
            str(entry["overdue"]),
            str(entry["due_soon"]),
            str(entry["blocking"]),
        )
    return table


def _print(console: Console, election: Election, content: dict[str, Any]) -> None:
    reference = ReferenceDay(
        day=datetime.date.fromisoformat(content["reference_day"]),
        polling_date=datetime.date.fromisoformat(content["polling_date"]),
        is_history=content["is_history"],
    )
    console.rule(f"{election.name} — {format_jalali_date(reference.day)}")
    console.print(f"{countdown_text(reference)} / {countdown_text(reference, 'en')}")
    console.print(
        f"باز: {format_number(content['open'])} · گذشته از مهلت: "
        f"{format_number(content['overdue'])} · تا {format_number(content['soon_days'])} روز "
        f"آینده: {format_number(content['due_soon'])}\n"
        f"open: {content['open']} · overdue: {content['overdue']} · due within "
        f"{content['soon_days']} days: {content['due_soon']}"
    )
    if not content["organisations"]:
        console.print(
            "هیچ موردی گذشته از مهلت یا نزدیک به مهلت نیست. / Nothing overdue or due soon."
        )
        return
    _print_organisations(console, content)
    console.print(_counties_table(content))


def readiness_digest_command(args: argparse.Namespace) -> int:
    console = Console(highlight=False, soft_wrap=True)
    on = parse_jalali_date(args.on) if args.on else None
    elections = _elections(args.election)
    if not elections:
        console.print("انتخاباتی برای خلاصه نیست. / There is no election to digest.")
        return 0
    for election in elections:
        run = digest_record(actor=None, election=election, on=on)
        _print(console, election, run.content)
    return 0
