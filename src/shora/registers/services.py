"""Writes to the voter register: each import's record through its life, and the one
transaction that applies an import. Every service audits itself in its own transaction."""

from __future__ import annotations

import getpass
import os
import socket
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from shora.audit.events import AuditEventType
from shora.audit.services import audit_record
from shora.elections.models import Election
from shora.elections.services import GEOGRAPHY_EDITABLE_IN
from shora.registers.errors import RegisterRefusal
from shora.registers.imports.applying import AppliedCounts, staged_apply
from shora.registers.imports.staging import StagingTable
from shora.registers.models import ImportStatus, VoterImport
from shora_domain.errors import DomainError
from shora_domain.jalali import format_jalali_datetime

# The register follows the civil registry until the election is declared ready.
REGISTER_IMPORTABLE_IN = GEOGRAPHY_EDITABLE_IN


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def operator_name(actor: Any) -> str:
    """Who ran the import: the signed-in user, or the system account of the command line."""
    if actor is not None and getattr(actor, "pk", None) is not None:
        return str(actor.get_username())
    try:
        account = getpass.getuser()
    except (KeyError, OSError):
        account = "unknown"
    return f"{account}@{socket.gethostname()} (command line)"


def process_is_alive(process: str) -> bool:
    """Whether the ``host:pid`` process still runs (a process of another host: assume so)."""
    host, _, pid = process.rpartition(":")
    if host != socket.gethostname():
        return True
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def refuse_unless_register_open(election: Election) -> None:
    if election.phase not in REGISTER_IMPORTABLE_IN:
        raise DomainError(
            RegisterRefusal.REGISTER_FROZEN,
            fa="از مرحلهٔ «آماده» به بعد فهرست رأی‌دهندگان تغییر نمی‌کند.",
            en=f"The voter register is frozen in phase {election.phase}.",
        )


def _unit(election: Election) -> str:
    return f"province:{election.province.code}"


def _record_counts(record: VoterImport) -> dict[str, Any]:
    return {
        "file": record.file_name,
        "sha256": record.file_sha256,
        "rows": record.rows_read,
        "bad_rows": record.rows_bad,
        "problems": record.problems,
        "added": record.added,
        "changed": record.changed,
        "removed": record.removed,
        "unchanged": record.unchanged,
        "kept": record.kept,
    }


def _interrupted(actor: Any, record: VoterImport, *, found_stale: bool) -> None:
    record.status = ImportStatus.INTERRUPTED
    record.finished_at = timezone.now()
    record.process = ""
    if found_stale:
        record.message_fa = "این ورود پیش از پایان متوقف شد (فرایند آن دیگر در کار نبود)."
        record.message_en = "This import stopped before its end (its process was gone)."
    else:
        record.message_fa = "این ورود به درخواست کاربر یا با خطا متوقف شد."
        record.message_en = "This import was stopped by its user or by an error."
    record.save()
    audit_record(
        actor=actor,
        event_type=AuditEventType.VOTER_IMPORT_INTERRUPTED,
        target=record,
        unit=_unit(record.election),
        old={"status": ImportStatus.RUNNING},
        new={"status": ImportStatus.INTERRUPTED, "found_stale": found_stale},
    )


@transaction.atomic
def voter_import_begin(
    *,
    actor: Any,
    election: Election,
    file_name: str,
    file_sha256: str,
    file_size: int,
    birth_calendar: str,
    import_good_rows: bool,
) -> VoterImport:
    """Record a new import as running; refuse while another import of the election runs.

    On PostgreSQL the caller holds the election's import lock, so any import still marked
    running is a stale one (killed): it is marked interrupted. Elsewhere (one machine) a
    running import whose process is alive refuses this one.
    """
    election = Election.objects.select_for_update().select_related("province").get(pk=election.pk)
    refuse_unless_register_open(election)
    running = VoterImport.objects.select_for_update().filter(
        election=election, status=ImportStatus.RUNNING
    )
    for record in running:
        if connection.vendor != "postgresql" and process_is_alive(record.process):
            raise import_running_refusal(record)
        _interrupted(actor, record, found_stale=True)
    record = VoterImport.objects.create(
        election=election,
        actor=actor if getattr(actor, "pk", None) is not None else None,
        operator=operator_name(actor),
        process=this_process(),
        file_name=file_name,
        file_sha256=file_sha256,
        file_size=file_size,
        birth_calendar=birth_calendar,
        import_good_rows=import_good_rows,
        status=ImportStatus.RUNNING,
        started_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        event_type=AuditEventType.VOTER_IMPORT_STARTED,
        target=record,
        unit=_unit(election),
        new={
            "file": file_name,
            "sha256": file_sha256,
            "size": file_size,
            "birth_calendar": birth_calendar,
            "import_good_rows": import_good_rows,
            "operator": record.operator,
        },
    )
    return record


def import_running_refusal(record: VoterImport) -> DomainError:
    started_fa = format_jalali_datetime(record.started_at)
    started_en = format_jalali_datetime(record.started_at, "en")
    return DomainError(
        RegisterRefusal.IMPORT_RUNNING,
        fa=(
            f"ورود دیگری به فهرست رأی‌دهندگان این انتخابات در جریان است («{record.file_name}»، "
            f"از {started_fa}، به دست {record.operator})؛ پس از پایان آن دوباره بکوشید."
        ),
        en=(
            f"Another import of this election's voter register is running (“{record.file_name}”, "
            f"since {started_en}, by {record.operator}); try again when it has finished."
        ),
    )


def _finish(
    actor: Any, record: VoterImport, status: str, event: AuditEventType, **fields: Any
) -> VoterImport:
    record = (
        VoterImport.objects.select_for_update()
        .select_related("election__province")
        .get(pk=record.pk)
    )
    if record.status != ImportStatus.RUNNING:
        return record
    for name, value in fields.items():
        setattr(record, name, value)
    record.status = status
    record.finished_at = timezone.now()
    record.process = ""
    record.save()
    audit_record(
        actor=actor,
        event_type=event,
        target=record,
        unit=_unit(record.election),
        old={"status": ImportStatus.RUNNING},
        new={"status": status, **_record_counts(record)},
    )
    return record


@transaction.atomic
def voter_import_fail(
    *, actor: Any, voter_import: VoterImport, refusal: DomainError
) -> VoterImport:
    """The file itself was refused (not a spreadsheet, missing columns, …)."""
    return _finish(
        actor,
        voter_import,
        ImportStatus.FAILED,
        AuditEventType.VOTER_IMPORT_FAILED,
        message_fa=refusal.fa,
        message_en=refusal.en,
    )


@transaction.atomic
def voter_import_refuse(
    *, actor: Any, voter_import: VoterImport, rows_read: int, rows_bad: int, problems: int
) -> VoterImport:
    """Some rows were bad and the operator did not ask for the good rows: nothing applied."""
    return _finish(
        actor,
        voter_import,
        ImportStatus.REFUSED,
        AuditEventType.VOTER_IMPORT_REFUSED,
        rows_read=rows_read,
        rows_bad=rows_bad,
        problems=problems,
        message_fa="ردیف‌های نادرست داشت؛ هیچ چیز وارد نشد.",
        message_en="It had bad rows; nothing was imported.",
    )


@transaction.atomic
def voter_import_interrupt(*, actor: Any, voter_import: VoterImport) -> None:
    """The import stopped (Ctrl-C, an error): recorded, unless it had already finished."""
    record = (
        VoterImport.objects.select_for_update()
        .select_related("election__province")
        .get(pk=voter_import.pk)
    )
    if record.status == ImportStatus.RUNNING:
        _interrupted(actor, record, found_stale=False)


@transaction.atomic
def voter_import_apply(
    *,
    actor: Any,
    voter_import: VoterImport,
    table: StagingTable,
    rows_read: int,
    rows_bad: int,
    problems: int,
) -> VoterImport:
    """Apply the staged extract to the register and record it, all in one transaction."""
    election = Election.objects.select_for_update().get(pk=voter_import.election_id)
    refuse_unless_register_open(election)
    record = VoterImport.objects.select_for_update().get(pk=voter_import.pk)
    if record.status != ImportStatus.RUNNING:
        raise DomainError(
            RegisterRefusal.IMPORT_STOPPED,
            fa="این ورود دیگر در جریان نیست (متوقف‌شده ثبت شده است)؛ هیچ چیز تغییر نکرد.",
            en="This import is no longer running (it was recorded as stopped); nothing changed.",
        )
    counts: AppliedCounts = staged_apply(
        table=table, election_id=election.pk, import_id=voter_import.pk
    )
    return _finish(
        actor,
        voter_import,
        ImportStatus.APPLIED,
        AuditEventType.VOTERS_IMPORTED,
        rows_read=rows_read,
        rows_bad=rows_bad,
        problems=problems,
        added=counts.added,
        changed=counts.changed,
        removed=counts.removed,
        unchanged=counts.unchanged,
        kept=counts.kept,
    )
