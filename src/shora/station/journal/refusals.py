"""The journal's refusals and its reader of token rows, shared by its parts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from shora.station.errors import StationRefusal, refusal
from shora.station.journal.records import (
    IssuedToken,
)
from shora_domain.digits import to_persian_digits


def not_enrolled(path: Path) -> Exception:
    return refusal(
        StationRefusal.NOT_ENROLLED,
        fa=f"این دفتر شعبه ({path}) هرگز ثبت‌نام نشده است؛ نخست «shora station enrol» را اجرا کنید.",
        en=f"This journal ({path}) was never enrolled; run 'shora station enrol' first.",
    )


def issued_token_of(row: sqlite3.Row) -> IssuedToken:
    values = dict(row)
    values["provisional"] = bool(values.get("provisional", False))
    return IssuedToken(**values)


def ticket_unknown(ticket: str) -> Exception:
    return refusal(
        StationRefusal.TICKET_UNKNOWN,
        fa=f"نوبت {to_persian_digits(ticket)} در این شعبه صادر نشده است.",
        en=f"The ticket {ticket} was not issued at this station.",
    )


STATUS_FA = {"used": "به کار رفته", "voided": "باطل شده", "issued": "صادر شده"}


def ticket_not_issued(ticket: str, status: str) -> Exception:
    return refusal(
        StationRefusal.TICKET_NOT_ISSUED,
        fa=f"نوبت {to_persian_digits(ticket)} {STATUS_FA.get(status, status)} است.",
        en=f"The ticket {ticket} is {status}.",
    )


def not_open() -> Exception:
    return refusal(
        StationRefusal.NOT_OPEN,
        fa="شعبه باز نیست.",
        en="The station is not open.",
    )


def closed_refusal() -> Exception:
    return refusal(
        StationRefusal.CLOSED,
        fa="شعبه بسته شده است (یا در حال بستن است).",
        en="The station is closed (or closing).",
    )
