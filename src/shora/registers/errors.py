"""Why the register refuses: stable codes for its import and its pages."""

from __future__ import annotations

import enum


class RegisterRefusal(enum.Enum):
    UNKNOWN_CONSTITUENCY = "register.unknown_constituency"
    DUPLICATE_IN_FILE = "register.duplicate_in_file"
    IMPORT_RUNNING = "register.import_running"
    IMPORT_STOPPED = "register.import_stopped"
    REGISTER_FROZEN = "register.frozen"
    NO_GOOD_ROWS = "register.no_good_rows"
    ELECTION_UNKNOWN = "register.election_unknown"
