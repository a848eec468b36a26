"""The hash chain of the audit log: hashing, and finding every kind of tampering."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shora_domain.audit_chain import (
    GENESIS_HASH,
    ChainCheckpoint,
    ChainedEvent,
    ChainProblemKind,
    canonical_json,
    event_hash,
    next_event,
    verify_chain,
)

MISSING, EDITED = ChainProblemKind.MISSING, ChainProblemKind.EDITED
BROKEN_LINK, OUT_OF_ORDER = ChainProblemKind.BROKEN_LINK, ChainProblemKind.OUT_OF_ORDER

values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=8))
payloads = st.dictionaries(st.text(min_size=1, max_size=6), values, min_size=1, max_size=4)
chains_of = st.lists(payloads, min_size=2, max_size=12)


def build_chain(items: Sequence[Mapping[str, object]]) -> list[ChainedEvent]:
    chain: list[ChainedEvent] = []
    for payload in items:
        chain.append(next_event(chain[-1] if chain else None, payload))
    return chain


def found(
    chain: list[ChainedEvent], **kwargs: ChainCheckpoint
) -> list[tuple[int, ChainProblemKind]]:
    return [(p.number, p.kind) for p in verify_chain(chain, **kwargs)]


def head(chain: list[ChainedEvent]) -> ChainCheckpoint:
    return ChainCheckpoint(chain[-1].number, chain[-1].event_hash)


def rehashed(event: ChainedEvent, **changes: object) -> ChainedEvent:
    """``event`` changed and given a freshly computed hash, as a careful forger would."""
    changed = dataclasses.replace(event, **changes)  # type: ignore[arg-type]
    digest = event_hash(
        number=changed.number, previous_hash=changed.previous_hash, payload=changed.payload
    )
    return dataclasses.replace(changed, event_hash=digest)


def test_canonical_json() -> None:
    assert (
        canonical_json({"b": 1, "a": ["سلام", None, True]})
        == '{"a":["سلام",null,true],"b":1}'.encode()
    )
    assert canonical_json({"z": {"y": 1, "x": 2}}) == b'{"z":{"x":2,"y":1}}'


@pytest.mark.parametrize(
    "payload",
    [
        {"at": datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)},
        {"at": datetime.date(2026, 5, 1)},
        {"items": {1, 2}},
        {"nested": {1: "one"}},
        {"list": [{2: "two"}]},
    ],
)
def test_canonical_json_refuses_what_json_would_change_or_cannot_hold(
    payload: dict[str, object],
) -> None:
    with pytest.raises(TypeError):
        canonical_json(payload)


def test_canonical_json_refuses_nan() -> None:
    with pytest.raises(ValueError):
        canonical_json({"x": float("nan")})


@given(payloads)
def test_canonical_json_ignores_key_order_and_round_trips(payload: dict[str, object]) -> None:
    reordered = dict(reversed(list(payload.items())))
    assert canonical_json(payload) == canonical_json(reordered)
    assert json.loads(canonical_json(payload)) == payload


def test_event_hash_is_the_documented_sha256() -> None:
    body = b'{"number":1,"payload":{"a":1},"previous_hash":"' + GENESIS_HASH.encode() + b'"}'
    expected = hashlib.sha256(b"shora.audit.v1\n" + body).hexdigest()
    assert event_hash(number=1, previous_hash=GENESIS_HASH, payload={"a": 1}) == expected


@given(st.integers(1, 10**6), payloads, payloads)
def test_event_hash_depends_on_every_part(
    number: int, payload: dict[str, object], other: dict[str, object]
) -> None:
    digest = event_hash(number=number, previous_hash=GENESIS_HASH, payload=payload)
    assert len(digest) == 64 and set(digest) <= set("0123456789abcdef")
    assert digest != event_hash(number=number + 1, previous_hash=GENESIS_HASH, payload=payload)
    assert digest != event_hash(number=number, previous_hash="1" * 64, payload=payload)
    if other != payload:
        assert digest != event_hash(number=number, previous_hash=GENESIS_HASH, payload=other)


def test_first_event_links_to_genesis() -> None:
    first = next_event(None, {"a": 1})
    assert (first.number, first.previous_hash) == (1, GENESIS_HASH)
    second = next_event(first, {"a": 2})
    assert (second.number, second.previous_hash) == (2, first.event_hash)


def test_empty_chain_is_clean_but_not_against_a_checkpoint() -> None:
    assert verify_chain([]) == []
    assert found([], checkpoint=ChainCheckpoint(3, "a" * 64)) == [(1, MISSING)]


@settings(max_examples=40)
@given(chains_of)
def test_a_built_chain_verifies_clean(items: list[dict[str, object]]) -> None:
    chain = build_chain(items)
    assert verify_chain(chain) == []
    assert verify_chain(iter(chain), checkpoint=head(chain)) == []


def test_verification_reads_the_events_once() -> None:
    chain = build_chain([{"n": i} for i in range(50)])

    class OneShot:
        used = False

        def __iter__(self) -> Iterator[ChainedEvent]:
            assert not self.used, "read twice"
            self.used = True
            return iter(chain)

    assert verify_chain(OneShot()) == []


@settings(max_examples=40)
@given(chains_of, st.data())
def test_removing_an_event_is_found_where_it_was(
    items: list[dict[str, object]], data: st.DataObject
) -> None:
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1))
    removed = chain[index].number
    rest = chain[:index] + chain[index + 1 :]
    if index < len(chain) - 1:
        assert found(rest) == [(removed, MISSING)]
    else:
        assert found(rest) == []  # the chain alone cannot show its own end was cut
    assert found(rest, checkpoint=head(chain)) == [(removed, MISSING)]


@settings(max_examples=40)
@given(chains_of, st.data())
def test_editing_a_payload_field_is_found_at_that_event(
    items: list[dict[str, object]], data: st.DataObject
) -> None:
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1))
    event = chain[index]
    key = data.draw(st.sampled_from(sorted(event.payload)))
    value = data.draw(values)
    assume(json.dumps(value) != json.dumps(event.payload[key]))
    chain[index] = dataclasses.replace(event, payload={**event.payload, key: value})
    assert found(chain) == [(event.number, EDITED)]


@settings(max_examples=40)
@given(chains_of, st.data())
def test_editing_and_rehashing_breaks_the_next_link(
    items: list[dict[str, object]], data: st.DataObject
) -> None:
    chain = build_chain(items)
    index = data.draw(st.integers(0, len(chain) - 1))
    original = chain[index]
    chain[index] = rehashed(original, payload={**original.payload, "forged": True})
    assume(chain[index].event_hash != original.event_hash)
    if index < len(chain) - 1:
        assert found(chain) == [(original.number + 1, BROKEN_LINK)]
    else:
        assert found(chain) == []
        assert found(chain, checkpoint=ChainCheckpoint(original.number, original.event_hash)) == [
            (original.number, EDITED)
        ]


@settings(max_examples=40)
@given(chains_of, st.data())
def test_swapping_two_events_is_found_between_them(
    items: list[dict[str, object]], data: st.DataObject
) -> None:
    chain = build_chain(items)
    first = data.draw(st.integers(0, len(chain) - 2))
    second = data.draw(st.integers(first + 1, len(chain) - 1))
    chain[first], chain[second] = chain[second], chain[first]
    problems = found(chain)
    low, high = first + 1, second + 1  # event numbers
    numbers = {number for number, _ in problems}
    assert low in numbers
    assert numbers <= set(range(low, high + 1))
    assert {kind for _, kind in problems} <= {MISSING, OUT_OF_ORDER}
    assert (low, OUT_OF_ORDER) in problems


@settings(max_examples=40)
@given(chains_of, st.data())
def test_every_problem_is_reported_not_just_the_first(
    items: list[dict[str, object]], data: st.DataObject
) -> None:
    chain = build_chain(items)
    edited = sorted(data.draw(st.sets(st.integers(0, len(chain) - 1), min_size=2)))
    for index in edited:
        chain[index] = dataclasses.replace(chain[index], payload={"tampered": index})
    assert found(chain) == [(chain[i].number, EDITED) for i in edited]


def test_a_chain_not_starting_at_genesis() -> None:
    forged_first = rehashed(next_event(None, {"a": 1}), previous_hash="f" * 64)
    assert found([forged_first]) == [(1, BROKEN_LINK)]


def test_a_repeated_event() -> None:
    chain = build_chain([{"a": 1}, {"a": 2}, {"a": 3}])
    problems = verify_chain([chain[0], chain[1], chain[1], chain[2]])
    assert [(p.number, p.kind) for p in problems] == [(2, OUT_OF_ORDER)]
    assert "repeated" in problems[0].detail_en
    assert "۲" in problems[0].detail_fa


def test_numbers_start_at_one() -> None:
    zero = rehashed(next_event(None, {"a": 1}), number=0)
    assert found([zero]) == [(0, OUT_OF_ORDER)]
    genuine_first = next_event(None, {"a": 1})
    assert found([zero, genuine_first]) == [(0, OUT_OF_ORDER)]  # 1 still links to genesis


def test_moving_an_event_forward_and_back() -> None:
    chain = build_chain([{"n": i} for i in range(1, 8)])
    moved = [chain[0], chain[5], chain[1], chain[2], chain[3], chain[4], chain[6]]
    assert found(moved) == [(2, MISSING), (2, OUT_OF_ORDER)]


def test_a_broken_link_inside_a_moved_block() -> None:
    chain = build_chain([{"n": i} for i in range(1, 8)])
    forged = rehashed(chain[2], payload={"n": "forged"})
    moved = [chain[0], chain[5], chain[1], forged, chain[3], chain[4], chain[6]]
    assert found(moved) == [(2, MISSING), (2, OUT_OF_ORDER), (4, BROKEN_LINK)]


def test_a_gap_of_several_events() -> None:
    chain = build_chain([{"n": i} for i in range(1, 8)])
    problems = verify_chain([chain[0], chain[1], chain[5], chain[6]])
    assert [(p.number, p.kind) for p in problems] == [(3, MISSING)]
    assert "events 3 to 5 are missing" in problems[0].detail_en
    assert "۳" in problems[0].detail_fa and "۵" in problems[0].detail_fa


def test_checkpoint_with_a_different_hash() -> None:
    chain = build_chain([{"n": i} for i in range(1, 5)])
    assert found(chain, checkpoint=ChainCheckpoint(2, "e" * 64)) == [(2, EDITED)]
    assert found(chain, checkpoint=ChainCheckpoint(2, chain[1].event_hash)) == []


def test_unencodable_stored_payload_counts_as_edited() -> None:
    chain = build_chain([{"n": 1}, {"n": 2}])
    chain[0] = dataclasses.replace(chain[0], payload={"n": object()})
    assert found(chain) == [(1, EDITED)]
