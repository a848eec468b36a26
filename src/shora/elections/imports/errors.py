"""The stable codes of what can be wrong in one cell of an import (``RowProblem.code``)."""

from __future__ import annotations

import enum


class ImportProblem(enum.Enum):
    REQUIRED = "import.required"
    NOT_DIGITS = "import.not_digits"
    TOO_LONG = "import.too_long"
    NOT_WHOLE_NUMBER = "import.not_whole_number"
    NEGATIVE = "import.negative"
    ABSURD = "import.absurd"
    UNKNOWN_CHOICE = "import.unknown_choice"
    DUPLICATE_IN_FILE = "import.duplicate_in_file"
    ALREADY_EXISTS = "import.already_exists"
    NAME_MISMATCH = "import.name_mismatch"
    PARENT_MISMATCH = "import.parent_mismatch"
    OTHER_PROVINCE = "import.other_province"
    NAME_TAKEN = "import.name_taken"
    UNKNOWN_DISTRICT = "import.unknown_district"
    UNKNOWN_CONSTITUENCY = "import.unknown_constituency"
    OTHER_COUNTY = "import.other_county"
    REFUSED_BY_RULE = "import.refused_by_rule"
