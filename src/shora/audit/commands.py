"""``shora audit verify``: recompute the whole chain and name every event that was tampered with."""

from __future__ import annotations

import argparse

from rich.console import Console

from shora.audit.selectors import audit_chain_problems


def audit_verify_command(args: argparse.Namespace) -> int:
    console = Console()
    checked, problems = audit_chain_problems()
    if not problems:
        console.print(f"[green]audit chain intact[/green]: {checked} events checked.")
        return 0
    console.print(f"[red]audit chain broken[/red]: {len(problems)} problem(s) in {checked} events.")
    for problem in problems:
        console.print(f"  event #{problem.number}: {problem.kind.value}: {problem.detail_en}")
        console.print(f"    {problem.detail_fa}")
    return 1
