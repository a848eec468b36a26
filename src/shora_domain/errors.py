"""The one base for every refusal the election's rules make.

Each refusal carries a stable code (an enum member, for programs and tests) and a
message in Persian and in English (for people). The web layer maps them to HTTP in one
place; the command line prints the message in the user's language.
"""

from __future__ import annotations

import enum


class DomainError(Exception):
    """A rule refused the input. ``code`` is stable; ``fa`` and ``en`` are for people."""

    def __init__(self, code: enum.Enum, *, fa: str, en: str) -> None:
        super().__init__(en)
        self.code = code
        self.fa = fa
        self.en = en

    def message(self, language: str = "fa") -> str:
        """The message in ``language`` ("fa" or "en"); Persian when unsure."""
        return self.en if language == "en" else self.fa
