"""Fixtures of the station tests: a journal enrolled by hand (no centre), open, with a
signing key; and a fake ballot maker for tests of the journal alone."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from shora.station.journal import Journal, JournalBallot, Setting, StationState
from shora_domain.signed_documents import b64encode, signing_key_generate

STATION = {
    "id": 7,
    "code": "10001",
    "name": "مدرسهٔ شهید بهشتی",
    "constituencies": [
        {"id": 11, "code": "1001", "name": "اهواز", "members": 3},
        {"id": 12, "code": "1002", "name": "ده نو", "members": 5},
    ],
}


def journal_enrolled(path: Path, *, state: str = StationState.OPEN) -> Journal:
    """A journal as enrolment leaves it, with the station ``state``."""
    journal = Journal.create(path)
    private, public = signing_key_generate()
    journal.settings_write(
        {
            Setting.CENTRE_URL: "http://127.0.0.1:9",
            Setting.DEVICE_TOKEN: "device-token-for-tests",
            Setting.STATION: json.dumps(STATION, ensure_ascii=False),
            Setting.ELECTION: json.dumps({"id": 3, "name": "آزمون"}, ensure_ascii=False),
            Setting.SIGNING_PRIVATE_KEY: b64encode(private),
            Setting.SIGNING_PUBLIC_KEY: b64encode(public),
            Setting.SESSION_SECRET: secrets.token_urlsafe(40),
            Setting.STATE: state,
        }
    )
    return journal


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    return journal_enrolled(tmp_path / "station.journal")


def fake_ballot(constituency_code: str = "1001", constituency_id: int = 11) -> JournalBallot:
    """A ballot with random bytes for its sealed content (the journal does not look inside)."""
    import hashlib

    from shora_domain.receipt_codes import receipt_code_new

    sealed = secrets.token_bytes(120)
    return JournalBallot(
        receipt_code=receipt_code_new(),
        constituency_id=constituency_id,
        constituency_code=constituency_code,
        sealed=sealed,
        sealed_sha256=hashlib.sha256(sealed).hexdigest(),
        paper_serial=secrets.token_hex(4).upper(),
        hour="2026-05-01T10:00",
    )


class FakeCentre:
    """A stand-in for the centre's API on a local port: answers from ``routes`` and keeps
    every request (method, path, headers, body bytes) for the test to look at."""

    def __init__(self) -> None:
        import http.server
        import threading

        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.routes: dict[tuple[str, str], object] = {}
        centre = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                centre.requests.append((method, self.path, dict(self.headers), body))
                route = centre.routes.get((method, self.path))
                if route is None:
                    status, answer = 404, {"detail": "Not Found"}
                else:
                    status, answer = route(body) if callable(route) else route
                data = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._answer("GET")

            def do_POST(self) -> None:
                self._answer("POST")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def posted(self, path: str) -> list[bytes]:
        return [body for method, at, _, body in self.requests if method == "POST" and at == path]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake_centre():
    centre = FakeCentre()
    yield centre
    centre.stop()


@pytest.fixture
def closed_port() -> str:
    """The URL of a local port nothing listens on."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# -- a centre that speaks the protocol (docs/polling.md), in memory -------------------------


def ballot_definition_dict(
    constituency_code: str = "1001", members: int = 3, count: int = 12
) -> dict[str, object]:
    """A frozen ballot as the centre publishes it, with ``count`` real candidate codes."""
    from shora_domain.ballot_codes import ballot_codes

    names = ["علی رضایی", "زهرا احمدی", "محمد كريمي", "مریم حسین‌زاده", "رضا موسوی", "سارا نیک‌پی"]
    return {
        "format": "shora-ballot/1",
        "election": "3",
        "polling_date": "2026-05-01",
        "constituency_code": constituency_code,
        "constituency_name": "اهواز" if constituency_code == "1001" else "ده نو",
        "members": members,
        "alternates": 2,
        "candidates": [
            {
                "code": code,
                "name": f"{names[n % len(names)]} {n}",
                "veteran": False,
                "degree": "bachelor",
            }
            for n, code in enumerate(ballot_codes(count))
        ],
    }


def _refusal(status: int, code: str, fa: str, en: str, **facts: object):
    return status, {"code": code, "message_fa": fa, "message_en": en, **facts}


class ProtocolCentre(FakeCentre):
    """The centre's side of the protocol kept in memory: enough to run a station's whole
    day against it (the real centre's tests are the end-to-end ones)."""

    ENROLMENT_CODE = "ENROL-1405"

    def __init__(self) -> None:
        import hashlib

        from shora_domain.ballot_definition import ballot_from_dict, ballot_sha256
        from shora_domain.election_key import election_keypair_generate, key_fingerprint
        from shora_domain.signed_documents import b64encode

        super().__init__()
        self.keys = election_keypair_generate()
        self.fingerprint = key_fingerprint(self.keys.public_key)
        self.station_key: bytes | None = None
        self.state = "not_open"
        self.register: dict[str, str] = {}  # national code -> constituency code
        self.voted: dict[str, str] = {}  # national code -> the hour
        self.tokens: dict[str, dict[str, str]] = {}
        self.ballots: dict[str, bytes] = {}  # receipt code -> sealed
        self.incidents: dict[str, dict[str, object]] = {}
        self.batches: dict[int, str] = {}  # seq -> sha256 of the canonical batch
        self.closing: dict[str, object] | None = None
        self.opening: dict[str, object] | None = None
        self.offline_policy = "refuse"
        self.outcomes: dict[str, dict[str, object]] = {}  # provisional id -> the outcome
        self.provisional_participations = 0
        self.definitions = {
            11: ballot_definition_dict("1001"),
            12: ballot_definition_dict("1002", 5, 4),
        }
        self.closes = "2026-05-01T18:00:00+03:30"
        self._sha = hashlib.sha256
        self._b64 = b64encode
        self._ballot_sha = {
            cid: ballot_sha256(ballot_from_dict(d)) for cid, d in self.definitions.items()
        }
        self.routes.update(
            {
                ("POST", "/api/polling/enrol"): self._enrol,
                ("GET", "/api/polling/station"): lambda body: (200, self.description()),
                ("POST", "/api/polling/open"): self._open,
                ("POST", "/api/polling/claims"): self._claim,
                ("POST", "/api/polling/tokens/void"): self._void,
                ("POST", "/api/polling/batches"): self._batch,
                ("POST", "/api/polling/provisional"): self._provisional,
                ("POST", "/api/polling/close"): self._close,
            }
        )
        for cid in self.definitions:
            self.routes[("GET", f"/api/constituencies/{cid}/ballot")] = lambda body, cid=cid: (
                200,
                {
                    "constituency_id": cid,
                    "definition": self.definitions[cid],
                    "sha256": self._ballot_sha[cid],
                },
            )

    def description(self) -> dict[str, object]:
        return {
            "station": STATION,
            "election": {
                "id": 3,
                "name": "انتخابات آزمون",
                "polling_date": "2026-05-01",
                "opens": "2026-05-01T08:00:00+03:30",
                "closes": self.closes,
                "extended": False,
                "is_drill": True,
                "offline_policy": self.offline_policy,
            },
            "election_public_key": self._b64(self.keys.public_key),
            "key_fingerprint": self.fingerprint,
            "state": self.state,
        }

    def _verified(self, document, signature) -> bool:
        from shora_domain.signed_documents import document_verify

        return self.station_key is not None and document_verify(
            document, signature, self.station_key
        )

    def _enrol(self, body: bytes):
        from shora_domain.signed_documents import b64decode

        sent = json.loads(body)
        if sent["code"] != self.ENROLMENT_CODE:
            return _refusal(
                400, "polling.enrolment_code_unknown", "کد ثبت‌نام شناخته نیست.", "Unknown code."
            )
        self.station_key = b64decode(sent["station_public_key"])
        return 200, {"device_token": "dev_" + secrets.token_urlsafe(8), **self.description()}

    def _open(self, body: bytes):
        sent = json.loads(body)
        if not self._verified(sent["document"], sent["signature"]):
            return _refusal(401, "polling.bad_signature", "امضا نمی‌خواند.", "Bad signature.")
        if self.state != "not_open":
            return _refusal(409, "polling.already_open", "پیش‌تر باز شده.", "Already open.")
        if sent["document"]["key_fingerprint"] != self.fingerprint:
            return _refusal(409, "polling.key_missing", "اثر کلید نمی‌خواند.", "Wrong key.")
        self.opening, self.state = sent["document"], "open"
        return 200, {"state": "open"}

    def _claim(self, body: bytes):
        sent = json.loads(body)
        code = sent["national_code"]
        if self.state != "open":
            return _refusal(409, "polling.not_open", "شعبه باز نیست.", "Not open.")
        if code in self.voted:
            return _refusal(
                409,
                "polling.already_voted",
                f"این شخص پیش‌تر در شعبهٔ ۱۰۰۰۲ در ساعت {self.voted[code]} رأی داده است.",
                f"This person has already voted, at station 10002 at {self.voted[code]}.",
                station="10002",
                hour=self.voted[code],
            )
        if code not in self.register:
            return _refusal(
                409, "polling.not_in_register", "در فهرست نیست.", "Not in the register."
            )
        constituency = self.register[code]
        if constituency not in ("1001", "1002"):
            return _refusal(
                409,
                "polling.wrong_constituency",
                "رأی‌دهندهٔ حوزهٔ «آبادان» است؛ شعبه‌های آن حوزه: ۲۰۰۰۱.",
                "The voter belongs to Abadan; its stations: 20001.",
                constituency=constituency,
                stations=["20001"],
            )
        self.voted[code] = "10:00"
        token = secrets.token_urlsafe(24)
        self.tokens[token] = {"constituency": constituency, "status": "issued"}
        cid = 11 if constituency == "1001" else 12
        name = "اهواز" if constituency == "1001" else "ده نو"
        return 200, {
            "token": token,
            "constituency": {"id": cid, "code": constituency, "name": name},
        }

    def _void(self, body: bytes):
        sent = json.loads(body)
        token = self.tokens.get(sent["token"])
        if token is None:
            return _refusal(400, "polling.token_unknown", "مجوز ناشناخته.", "Unknown token.")
        if token["status"] == "voided":
            return _refusal(409, "polling.token_voided", "باطل شده.", "Voided.")
        if token["status"] == "used":
            return _refusal(409, "polling.token_used", "به کار رفته.", "Used.")
        token["status"] = "voided"
        return 200, {"voided": True}

    def _batch(self, body: bytes):
        from shora_domain.signed_documents import b64decode, canonical_json

        sent = json.loads(body)
        batch = sent["batch"]
        if not self._verified(batch, sent["signature"]):
            return _refusal(401, "polling.bad_signature", "امضا نمی‌خواند.", "Bad signature.")
        digest = self._sha(canonical_json(batch)).hexdigest()
        seq = batch["seq"]
        if seq in self.batches:
            if self.batches[seq] != digest:
                return _refusal(409, "polling.batch_replayed", "تکراری.", "Replayed.")
            return 200, {"duplicate": True, "stored": 0, "results": []}
        if self.closing is not None:
            return _refusal(409, "polling.station_closed", "بسته است.", "Closed.")
        if seq != len(self.batches) + 1:
            return _refusal(
                409,
                "polling.batch_gap",
                "به ترتیب بفرستید.",
                "Gap.",
                expected_seq=len(self.batches) + 1,
            )
        results = []
        for entry in batch["entries"]:
            if entry["kind"] == "incident":
                self.incidents[entry["id"]] = entry
                results.append({"result": "stored"})
                continue
            token = self.tokens.get(entry["token"])
            if (
                token is None
                or token["status"] != "issued"
                or token["constituency"] != entry["constituency"]
            ):
                results.append(
                    {"result": "refused", "code": "polling.token_unknown", "message_en": "token"}
                )
                continue
            if entry["receipt_code"] in self.ballots:
                results.append(
                    {
                        "result": "refused",
                        "code": "polling.receipt_repeated",
                        "message_en": "repeat",
                    }
                )
                continue
            token["status"] = "used"
            self.ballots[entry["receipt_code"]] = b64decode(entry["sealed"])
            results.append({"result": "stored"})
        self.batches[seq] = digest
        return 200, {
            "duplicate": False,
            "stored": sum(r["result"] == "stored" for r in results),
            "results": results,
        }

    def _provisional(self, body: bytes):
        """A provisional ballot with its claim: counted (participation and ballot) or kept
        out with the reason, once per id; the national code is not kept."""
        from shora_domain.signed_documents import b64decode

        sent = json.loads(body)
        entry = sent["entry"]
        if not self._verified(entry, sent["signature"]):
            return _refusal(401, "polling.bad_signature", "امضا نمی‌خواند.", "Bad signature.")
        if entry["id"] in self.outcomes:
            return 200, self.outcomes[entry["id"]]
        if self.state != "open":
            return _refusal(409, "polling.station_closed", "بسته است.", "Closed.")
        if self.offline_policy != "provisional":
            return _refusal(409, "polling.not_provisional", "مشروط نه.", "Not provisional.")
        code = entry["national_code"]
        if entry["fingerprint"] == "no_match":
            reason = "polling.fingerprint_mismatch"
        elif code in self.voted:
            reason = "polling.already_voted"
        elif code not in self.register:
            reason = "polling.not_in_register"
        elif self.register[code] != entry["constituency"]:
            reason = "polling.ballot_other_constituency"
        else:
            reason = ""
            self.voted[code] = entry["hour"]
            self.provisional_participations += 1
            self.ballots[entry["receipt_code"]] = b64decode(entry["sealed"])
        self.outcomes[entry["id"]] = {"id": entry["id"], "accepted": not reason, "reason": reason}
        return 200, self.outcomes[entry["id"]]

    def receipts_root(self) -> str:
        from shora_domain.merkle import merkle_root, receipt_leaf

        return merkle_root(
            [
                receipt_leaf(code, self._sha(sealed).hexdigest())
                for code, sealed in self.ballots.items()
            ]
        )

    def _close(self, body: bytes):
        sent = json.loads(body)
        document = sent["document"]
        if not self._verified(document, sent["signature"]):
            return _refusal(401, "polling.bad_signature", "امضا نمی‌خواند.", "Bad signature.")
        if self.closing is not None:
            return _refusal(409, "polling.station_closed", "بسته است.", "Closed.")
        if document["last_seq"] != len(self.batches):
            return _refusal(409, "polling.batches_missing", "بسته‌ها نرسیده.", "Batches missing.")
        if any(t["status"] == "issued" for t in self.tokens.values()):
            return _refusal(409, "polling.closing_mismatch", "مجوز باز.", "Tokens outstanding.")
        held = {
            "participations": len(self.tokens) + self.provisional_participations,
            "ballots": len(self.ballots),
            "voided": sum(t["status"] == "voided" for t in self.tokens.values()),
            "receipts_root": self.receipts_root(),
        }
        wrong = sorted(name for name, value in held.items() if document[name] != value)
        if wrong:
            return _refusal(
                409, "polling.closing_mismatch", "شمارش نمی‌خواند.", "Mismatch: " + ", ".join(wrong)
            )
        self.closing, self.state = document, "closed"
        return 200, {"state": "closed"}


@pytest.fixture
def centre():
    running = ProtocolCentre()
    yield running
    running.stop()


def national_code(serial: int) -> str:
    from shora_domain.national_code import national_code_check_digit

    first = f"{serial:09d}"
    return first + str(national_code_check_digit(first))


@pytest.fixture
def enrolled(tmp_path: Path, centre: ProtocolCentre) -> Journal:
    """A journal enrolled with the protocol centre (console password: the test's)."""
    from shora.station.enrolment import station_enrol

    return station_enrol(
        journal_path=tmp_path / "enrolled.journal",
        centre_url=centre.url,
        code=centre.ENROLMENT_CODE,
        console_password=CONSOLE_PASSWORD,
    )


CONSOLE_PASSWORD = "a-console-password-1405"
