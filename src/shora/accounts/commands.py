"""``shora user add`` and ``shora user device-token``."""

from __future__ import annotations

import argparse
import datetime
import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from rich.console import Console

from shora.accounts.models import Role
from shora.accounts.services import device_token_issue, user_create
from shora.elections.models import County, District, PollingStation, Province
from shora_domain.errors import DomainError

_UNIT_OF_ROLE = {
    Role.PROVINCE_HQ: ("province", Province),
    Role.SUPERVISOR: ("province", Province),
    Role.COUNTY: ("county", County),
    Role.TRAINER: ("county", County),
    Role.DISTRICT: ("district", District),
    Role.STATION: ("station", PollingStation),
}


def user_add_command(args: argparse.Namespace) -> int:
    console = Console()
    field, model = _UNIT_OF_ROLE[Role(args.role)]
    units = model._default_manager.filter(code=args.unit)
    if model is PollingStation:
        units = units.filter(election_id=args.election)
    unit: Any = units.first()
    if unit is None:
        console.print(f"[red]No {field} with code {args.unit}.[/red]")
        return 2
    password = getpass.getpass("password: ")
    try:
        validate_password(password)
    except ValidationError as error:
        console.print("[red]" + " ".join(error.messages) + "[/red]")
        return 2
    first, _, last = args.name.partition(" ")
    try:
        user = user_create(
            actor=None,
            username=args.username,
            password=password,
            role=args.role,
            first_name=first,
            last_name=last,
            holds_key_share=args.key_holder,
            **{field: unit},
        )
    except DomainError as refusal:
        console.print(f"[red]{refusal.en}[/red]\n{refusal.fa}")
        return 2
    console.print(f"created {user.username} ({args.role}, {field} {args.unit})")
    return 0


def device_token_command(args: argparse.Namespace) -> int:
    console = Console()
    station = PollingStation.objects.filter(election_id=args.election, code=args.station).first()
    if station is None:
        console.print(f"[red]No station {args.station} in election {args.election}.[/red]")
        return 2
    record, token = device_token_issue(
        actor=None, station=station, label=args.label, valid_for=datetime.timedelta(days=args.days)
    )
    console.print(
        f"token for {station.code} ({record.label}), valid until {record.expires_at:%Y-%m-%d}:"
    )
    console.print(token, markup=False, highlight=False)
    console.print("It is shown once and stored only as its hash.")
    return 0
