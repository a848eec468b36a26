"""Where two JSON values differ, named precisely: the verifier compares a record's result
with the one it recomputes, the centre's recount the stored result with its recount."""

from __future__ import annotations

import json

#: How many characters of a value a difference shows.
SHOWN = 200


def json_differences(
    first: object,
    second: object,
    prefix: str = "",
    *,
    names: tuple[str, str] = ("the record", "recomputed"),
) -> list[str]:
    """Where ``first`` and ``second`` (JSON values) differ, as dotted names with both
    values: "valid: the record has 250, recomputed 249" (``names`` says whose is which).
    Lists of one length are compared item by item, ``[3]``; anything else whole."""
    if isinstance(first, dict) and isinstance(second, dict):
        found: list[str] = []
        for key in sorted(set(first) | set(second), key=str):
            name = f"{prefix}.{key}" if prefix else str(key)
            if key not in first or key not in second:
                found.append(f"{name}: only in {names[0] if key in first else names[1]}")
            else:
                found += json_differences(first[key], second[key], name, names=names)
        return found
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        found = []
        for number, (mine, theirs) in enumerate(zip(first, second, strict=True)):
            found += json_differences(mine, theirs, f"{prefix}[{number}]", names=names)
        return found
    if first == second and type(first) is type(second):
        return []
    shown = json.dumps(first, ensure_ascii=False)[:SHOWN]
    again = json.dumps(second, ensure_ascii=False)[:SHOWN]
    return [f"{prefix or 'the whole'}: {names[0]} has {shown}, {names[1]} {again}"]
