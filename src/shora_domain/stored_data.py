"""Reading settings stored as JSON data, refusing malformed data with the path to it.

Settings such as the council-size table are stored on an election as JSON. Whatever
comes back is checked before use: an object with exactly the expected keys, whole
numbers that are not booleans, text that is text, lists that are lists.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from typing import NoReturn

from .errors import DomainError


class StoredDataReader:
    """One stored object; refusals raise DomainError(``code``) naming the bad path."""

    def __init__(
        self,
        data: object,
        *,
        keys: Sequence[str],
        code: enum.Enum,
        title_en: str,
        title_fa: str,
        path: str = "",
    ) -> None:
        self.code, self.title_en, self.title_fa, self.path = code, title_en, title_fa, path
        if not isinstance(data, Mapping):
            self.refuse(f"must be an object, not {type(data).__name__}", "باید یک شیء باشد")
        self.data: Mapping[object, object] = data
        unknown = sorted(repr(key) for key in data if key not in keys)
        missing = [repr(key) for key in keys if key not in data]
        if unknown or missing:
            listed = ", ".join(
                [f"unknown key {k}" for k in unknown] + [f"missing key {k}" for k in missing]
            )
            listed_fa = "، ".join(
                [f"کلید ناشناختهٔ {k}" for k in unknown] + [f"کلید جاافتادهٔ {k}" for k in missing]
            )
            self.refuse(f"has {listed}", f"نادرست است ({listed_fa})")

    def _where(self, key: str) -> str:
        if not key:
            return self.path or "(root)"
        return f"{self.path}.{key}" if self.path else key

    def refuse(self, en: str, fa: str, key: str = "") -> NoReturn:
        """Raise the refusal for this object, or for its ``key``."""
        where = self._where(key)
        raise DomainError(
            self.code,
            fa=f"{self.title_fa} نادرست است: «{where}» {fa}.",
            en=f"Malformed {self.title_en}: {where} {en}.",
        )

    def whole(self, key: str) -> int:
        """The whole number at ``key`` (a boolean is not one)."""
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.refuse(f"must be a whole number, not {value!r}", "باید عدد صحیح باشد", key)
        return value

    def optional_whole(self, key: str) -> int | None:
        """The whole number at ``key``, or None if it is null."""
        return None if self.data[key] is None else self.whole(key)

    def text(self, key: str) -> str:
        """The text at ``key``."""
        value = self.data[key]
        if not isinstance(value, str):
            self.refuse(f"must be text, not {value!r}", "باید متن باشد", key)
        return value

    def choice(self, key: str, choices: Sequence[str]) -> str:
        """The text at ``key``, which must be one of ``choices``."""
        value = self.text(key)
        if value not in choices:
            allowed = " or ".join(repr(c) for c in choices)
            self.refuse(f"must be {allowed}, not {value!r}", f"باید یکی از {allowed} باشد", key)
        return value

    def child(self, key: str, keys: Sequence[str]) -> StoredDataReader:
        """A reader for the object at ``key``."""
        return self._reader(self.data[key], keys, self._where(key))

    def children(self, key: str, keys: Sequence[str]) -> list[StoredDataReader]:
        """Readers for each object in the list at ``key``."""
        value = self.data[key]
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            self.refuse(f"must be a list, not {value!r}", "باید فهرست باشد", key)
        where = self._where(key)
        return [self._reader(item, keys, f"{where}[{i}]") for i, item in enumerate(value)]

    def _reader(self, data: object, keys: Sequence[str], path: str) -> StoredDataReader:
        return StoredDataReader(
            data, keys=keys, code=self.code, title_en=self.title_en,
            title_fa=self.title_fa, path=path,
        )  # fmt: skip
