"""Conflicts between serving and standing: a candidate serving where they stand blocks; a
declared first-degree relative warns or blocks by the election's setting."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shora_domain.conflicts import (
    CandidacyFacts,
    ConflictKind,
    Declaration,
    PostFacts,
    Relation,
    RelativePolicy,
    Severity,
    find_conflicts,
    relatives_of,
)

SERVING = "0012345679"
CANDIDATE = "0098765432"


def post(
    code: str = SERVING, constituencies: set[int] | None = None, key: str = "board:1"
) -> PostFacts:
    return PostFacts(
        key,
        code,
        "هیئت اجرایی شهرستان اهواز",
        "county executive board of Ahvaz",
        frozenset(constituencies if constituencies is not None else {1, 2}),
    )


def candidacy(code: str = CANDIDATE, constituency: int = 1) -> CandidacyFacts:
    return CandidacyFacts(code, 7, constituency, "زهرا کریمی")


def test_a_candidate_serving_where_they_stand_is_blocked():
    [conflict] = find_conflicts(
        posts=[post(SERVING)],
        candidacies=[candidacy(SERVING, 2)],
        declarations=[],
        relative_policy=RelativePolicy.WARN,
    )
    assert conflict.kind == ConflictKind.CANDIDATE_SERVING
    assert conflict.severity == Severity.BLOCK and conflict.blocks
    assert "هیئت اجرایی شهرستان اهواز" in conflict.fa
    assert "may not serve" in conflict.en


def test_a_candidate_serving_elsewhere_is_no_conflict():
    assert (
        find_conflicts(
            posts=[post(SERVING, {1, 2})],
            candidacies=[candidacy(SERVING, 3)],
            declarations=[],
            relative_policy=RelativePolicy.BLOCK,
        )
        == []
    )


def test_a_relative_warns_or_blocks_by_the_setting():
    declared = [Declaration(SERVING, CANDIDATE, Relation.SIBLING)]
    for policy, severity in (
        (RelativePolicy.WARN, Severity.WARN),
        (RelativePolicy.BLOCK, Severity.BLOCK),
    ):
        [conflict] = find_conflicts(
            posts=[post()], candidacies=[candidacy()], declarations=declared, relative_policy=policy
        )
        assert conflict.kind == ConflictKind.RELATIVE_OF_CANDIDATE
        assert conflict.severity == severity
        assert conflict.relation == Relation.SIBLING
        assert "خواهر یا برادر" in conflict.fa


def test_a_relationship_counts_from_either_side():
    # The candidate declared the serving person as their parent: the candidate is the
    # serving person's child.
    declared = [Declaration(CANDIDATE, SERVING, Relation.PARENT)]
    [conflict] = find_conflicts(
        posts=[post()],
        candidacies=[candidacy()],
        declarations=declared,
        relative_policy=RelativePolicy.WARN,
    )
    assert conflict.relation == Relation.CHILD
    assert relatives_of(SERVING, declared) == {CANDIDATE: Relation.CHILD}
    assert relatives_of(CANDIDATE, declared) == {SERVING: Relation.PARENT}


def test_a_relative_standing_elsewhere_is_no_conflict():
    declared = [Declaration(SERVING, CANDIDATE, Relation.SPOUSE)]
    assert (
        find_conflicts(
            posts=[post(constituencies={1})],
            candidacies=[candidacy(constituency=9)],
            declarations=declared,
            relative_policy=RelativePolicy.BLOCK,
        )
        == []
    )


def test_a_self_declaration_relates_nobody():
    assert relatives_of(SERVING, [Declaration(SERVING, SERVING, Relation.SIBLING)]) == {}


codes = st.sampled_from(["0000000001", "0000000002", "0000000003", "0000000004"])
constituency_sets = st.frozensets(st.integers(1, 5), max_size=5)


@given(
    posts=st.lists(st.tuples(codes, constituency_sets), max_size=6),
    candidacies=st.lists(st.tuples(codes, st.integers(1, 5)), max_size=6),
    declarations=st.lists(st.tuples(codes, codes, st.sampled_from(list(Relation))), max_size=6),
    policy=st.sampled_from(list(RelativePolicy)),
)
def test_every_conflict_is_justified_and_none_is_missed(posts, candidacies, declarations, policy):
    post_facts = [post(code, set(ids), key=f"p{i}") for i, (code, ids) in enumerate(posts)]
    candidacy_facts = [CandidacyFacts(code, i, c, "x") for i, (code, c) in enumerate(candidacies)]
    declared = [Declaration(a, b, r) for a, b, r in declarations]
    found = find_conflicts(
        posts=post_facts, candidacies=candidacy_facts, declarations=declared, relative_policy=policy
    )
    expected = set()
    for p in post_facts:
        related = relatives_of(p.national_code, declared)
        for c in candidacy_facts:
            if c.constituency_id not in p.constituency_ids:
                continue
            if c.national_code == p.national_code:
                expected.add((p.key, c.candidate_id, ConflictKind.CANDIDATE_SERVING))
            elif c.national_code in related:
                expected.add((p.key, c.candidate_id, ConflictKind.RELATIVE_OF_CANDIDATE))
    assert {(f.post_key, f.candidate_id, f.kind) for f in found} == expected
    for conflict in found:
        if conflict.kind == ConflictKind.CANDIDATE_SERVING:
            assert conflict.severity == Severity.BLOCK
        else:
            assert conflict.blocks == (policy == RelativePolicy.BLOCK)
    # blocks first
    severities = [f.severity for f in found]
    assert severities == sorted(severities, key=lambda s: s != Severity.BLOCK)
