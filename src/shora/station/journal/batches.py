"""Batches of the journal for the centre: packed once, resent byte for byte."""

from __future__ import annotations

import json
import secrets
import sqlite3
from typing import Any

from shora.station.journal.connection import JournalConnection
from shora.station.journal.records import (
    Signer,
    StoredBatch,
)
from shora_domain.signed_documents import b64encode, canonical_json


class BatchJournal(JournalConnection):
    """The forwarding side of the journal."""

    def batch_next(
        self,
        *,
        station: str,
        sign: Signer,
        max_entries: int = 200,
        mix_at_least: int = 1,
    ) -> StoredBatch | None:
        """The next batch to send: the oldest one not yet acknowledged, or else a new one
        packed from what is waiting, or None when nothing is.

        A new batch gets the next ``seq`` and is stored, body and signature, in the same
        transaction that marks its entries as packed; it is never rebuilt, so sending it
        again after a crash sends the same bytes. Ballots of a constituency are packed
        only when at least ``mix_at_least`` of them wait (closing passes 1), each beside a
        used token of the same constituency drawn at random; the entries are shuffled.
        """
        with self._writing() as db:
            row = db.execute(
                "SELECT seq, body, signature, sent FROM batches WHERE sent = 0 ORDER BY seq LIMIT 1"
            ).fetchone()
            if row is not None:
                return StoredBatch(row[0], row[1], row[2], bool(row[3]))
            entries, ballot_codes, ticket_numbers, incident_ids = self._entries_waiting(
                db, max_entries=max_entries, mix_at_least=mix_at_least
            )
            if not entries:
                return None
            seq = int(db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM batches").fetchone()[0])
            batch = {"station": station, "seq": seq, "entries": entries}
            body = canonical_json(batch).decode("utf-8")
            signature = sign(batch)
            db.execute(
                "INSERT INTO batches (seq, body, signature) VALUES (?, ?, ?)",
                (seq, body, signature),
            )
            db.executemany(
                "UPDATE ballots SET batch_seq = ? WHERE receipt_code = ?",
                [(seq, code) for code in ballot_codes],
            )
            db.executemany(
                "UPDATE tokens SET batch_seq = ? WHERE ticket = ?",
                [(seq, ticket) for ticket in ticket_numbers],
            )
            db.executemany(
                "UPDATE incidents SET batch_seq = ? WHERE id = ?",
                [(seq, incident) for incident in incident_ids],
            )
            return StoredBatch(seq, body, signature, False)

    @staticmethod
    def _entries_waiting(
        db: sqlite3.Connection, *, max_entries: int, mix_at_least: int
    ) -> tuple[list[dict[str, object]], list[str], list[str], list[str]]:
        shuffle = secrets.SystemRandom().shuffle
        ballot_entries: list[dict[str, object]] = []
        ballot_codes: list[str] = []
        ticket_numbers: list[str] = []
        constituencies = [
            str(row[0])
            for row in db.execute(
                "SELECT DISTINCT constituency_code FROM ballots WHERE batch_seq IS NULL "
                "ORDER BY constituency_code"
            )
        ]
        for constituency in constituencies:
            ballots = db.execute(
                "SELECT receipt_code, sealed, hour FROM ballots "
                "WHERE batch_seq IS NULL AND constituency_code = ?",
                (constituency,),
            ).fetchall()
            tokens = db.execute(
                "SELECT ticket, token FROM tokens WHERE batch_seq IS NULL AND status = 'used' "
                "AND constituency_code = ?",
                (constituency,),
            ).fetchall()
            pairs = min(len(ballots), len(tokens))
            room = max_entries - len(ballot_entries)
            if pairs < mix_at_least or room <= 0:
                continue
            shuffle(ballots)
            shuffle(tokens)
            for ballot, token in list(zip(ballots, tokens, strict=False))[:room]:
                ballot_entries.append(
                    {
                        "kind": "ballot",
                        "token": token["token"],
                        "constituency": constituency,
                        "sealed": b64encode(ballot["sealed"]),
                        "receipt_code": ballot["receipt_code"],
                        "hour": ballot["hour"],
                    }
                )
                ballot_codes.append(ballot["receipt_code"])
                ticket_numbers.append(token["ticket"])
        shuffle(ballot_entries)
        room = max_entries - len(ballot_entries)
        incidents = db.execute(
            "SELECT id, category, text, recorded_by, minute FROM incidents "
            "WHERE batch_seq IS NULL ORDER BY number LIMIT ?",
            (max(room, 0),),
        ).fetchall()
        incident_entries: list[dict[str, object]] = [
            {
                "kind": "incident",
                "id": row["id"],
                "category": row["category"],
                "text": row["text"],
                "recorded_by": row["recorded_by"],
                "at": row["minute"],
            }
            for row in incidents
        ]
        return (
            ballot_entries + incident_entries,
            ballot_codes,
            ticket_numbers,
            [str(row["id"]) for row in incidents],
        )

    def batch(self, seq: int) -> StoredBatch | None:
        row = (
            self._db()
            .execute("SELECT seq, body, signature, sent FROM batches WHERE seq = ?", (seq,))
            .fetchone()
        )
        return None if row is None else StoredBatch(row[0], row[1], row[2], bool(row[3]))

    def batch_mark_sent(self, seq: int, results: object = None) -> None:
        """The centre acknowledged batch ``seq``; ``results`` is what it said of each entry."""
        with self._writing() as db:
            db.execute(
                "UPDATE batches SET sent = 1, results = ? WHERE seq = ?",
                (None if results is None else json.dumps(results, ensure_ascii=False), seq),
            )

    def entries_refused(self) -> list[dict[str, Any]]:
        """The entries the centre refused, with its reasons, from every acknowledged batch."""
        refused: list[dict[str, Any]] = []
        for row in self._db().execute(
            "SELECT seq, results FROM batches WHERE results IS NOT NULL ORDER BY seq"
        ):
            results = json.loads(row["results"])
            if not isinstance(results, list):
                continue
            for index, result in enumerate(results):
                if isinstance(result, dict) and result.get("result", "stored") != "stored":
                    refused.append({"seq": row["seq"], "index": index, **result})
        return refused

    # -- opening and closing documents ---------------------------------------------------
