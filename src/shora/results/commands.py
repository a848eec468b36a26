"""``shora tally --election ID`` and ``shora recount``.

``shora tally --election ID``: run the open tally session of an election once its key
holders have entered k shares on their screens. It asks for no passphrase: it only runs a
session that already holds k shares (one opened "to be run on the command line", or one
whose run in the browser failed part way and was rolled back)."""

from __future__ import annotations

import argparse

from rich.console import Console

from shora.elections.models import Election
from shora.results.models import ShareEntry
from shora.results.selectors import open_session_of
from shora.results.services.recounts import recount_ask
from shora.results.services.session_expiry import sessions_expire
from shora.results.services.sessions import tally_run
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError


def tally_command(args: argparse.Namespace) -> int:
    console = Console()
    election = Election.objects.filter(pk=args.election).first()
    if election is None:
        console.print(f"[red]No election {args.election}.[/red]")
        return 2
    for expired in sessions_expire(election=election):
        console.print(f"session {expired.pk}: {expired.refusal}", markup=False, highlight=False)
    session = open_session_of(election)
    if session is None:
        console.print(
            f"[red]Election {election.pk} has no open tally session: the provincial HQ opens "
            "one on the tally page.[/red]"
        )
        return 2
    entered = ShareEntry.objects.filter(session=session).count()
    if entered < session.threshold:
        console.print(
            f"[red]{entered} of the {session.threshold} shares needed have been entered; "
            "each holder enters theirs on the share page.[/red]"
        )
        return 2
    outcome = tally_run(actor=None, session=session)
    console.print(f"tallied: {len(outcome.tallied)} constituencies", highlight=False)
    for code in outcome.tallied:
        console.print(f"  {code}", markup=False, highlight=False)
    if outcome.left_out:
        console.print(f"left for a later session: {len(outcome.left_out)}", highlight=False)
        for entry in outcome.left_out:
            console.print(f"  {entry['code']} {entry['name']}", markup=False, highlight=False)
            for problem in entry["problems"]:
                console.print(f"    {problem['en']}", markup=False, highlight=False)
    return 0


def recount_command(args: argparse.Namespace) -> int:
    """Recount one tallied constituency for the HQ; exit 0 the same, 1 different or refused,
    2 unknown election or constituency."""
    console = Console()
    election = Election.objects.filter(pk=args.election).first()
    code = to_latin_digits(str(args.constituency)).strip()
    constituency = election.constituencies.filter(code=code).first() if election else None
    if constituency is None:
        console.print(
            f"No constituency {code} in election {args.election}.", markup=False, highlight=False
        )
        return 2
    try:
        recount = recount_ask(actor=None, constituency=constituency, reason=args.reason)
    except DomainError as refusal:
        console.print(f"refused: {refusal.en}", markup=False, highlight=False)
        return 1
    ballots = recount.counts.get("ballots", 0)
    if recount.was_certified:
        console.print("the result had been certified", highlight=False)
    if recount.same:
        console.print(
            f"recount {recount.pk}: {ballots} ballots, the same as stored", highlight=False
        )
        return 0
    console.print(
        f"recount {recount.pk}: {ballots} ballots, {len(recount.differences)} differences",
        highlight=False,
    )
    for difference in recount.differences:
        console.print(f"  {difference}", markup=False, highlight=False)
    return 1
