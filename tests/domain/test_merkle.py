"""Merkle roots of receipts: RFC 6962's hashing, independent of arrival order, with proofs
that hold for every receipt and for nothing else."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shora_domain.ballot_codes import damm_check_digit
from shora_domain.errors import DomainError
from shora_domain.merkle import (
    EMPTY_ROOT,
    MerkleRefusal,
    MerkleStep,
    leaf_hash,
    merkle_proof,
    merkle_root,
    merkle_verify,
    receipt_leaf,
    tree_path,
    tree_root,
)

# The Certificate Transparency reference data (RFC 6962): leaves, and the root of the
# first n of them for n = 0..8, as published by transparency-dev/merkle.
CT_LEAVES = [
    bytes.fromhex(text)
    for text in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
CT_ROOTS = [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]
CT_PATHS = {
    0: [
        "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
        "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
        "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ],
    5: [
        "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    ],
}


def receipt(body: str) -> str:
    return body + str(damm_check_digit(body))


DIGEST = hashlib.sha256(b"sealed").hexdigest()
leaves_lists = st.lists(st.binary(max_size=40), min_size=1, max_size=70, unique=True)


# RFC 6962


@pytest.mark.parametrize("size", range(9))
def test_the_roots_are_rfc_6962s(size):
    hashes = [leaf_hash(leaf) for leaf in CT_LEAVES[:size]]
    assert tree_root(hashes).hex() == CT_ROOTS[size]


@pytest.mark.parametrize("index", sorted(CT_PATHS))
def test_the_audit_paths_are_rfc_6962s(index):
    hashes = [leaf_hash(leaf) for leaf in CT_LEAVES]
    assert [step.sibling for step in tree_path(hashes, index)] == CT_PATHS[index]


def test_the_sides_of_a_path():
    hashes = [leaf_hash(leaf) for leaf in CT_LEAVES]
    assert [step.side for step in tree_path(hashes, 0)] == ["right", "right", "right"]
    assert [step.side for step in tree_path(hashes, 5)] == ["left", "right", "left"]


def test_an_odd_leaf_joins_higher_up():
    a, b, c = (leaf_hash(x) for x in (b"a", b"b", b"c"))

    def node(left: bytes, right: bytes) -> bytes:
        return hashlib.sha256(b"\x01" + left + right).digest()

    assert tree_root([a, b, c]) == node(node(a, b), c)
    assert tree_path([a, b, c], 2) == [MerkleStep(node(a, b).hex(), "left")]


@pytest.mark.parametrize("index", [-1, 3])
def test_a_path_for_a_leaf_outside_the_tree_is_an_error(index):
    with pytest.raises(IndexError):
        tree_path([leaf_hash(b"a"), leaf_hash(b"b"), leaf_hash(b"c")], index)


# Roots and proofs of receipts


def test_the_empty_root_is_the_sha256_of_nothing():
    assert merkle_root([]) == EMPTY_ROOT == hashlib.sha256(b"").hexdigest()


def test_one_leaf_is_its_own_root():
    assert merkle_root([b"x"]) == hashlib.sha256(b"\x00x").hexdigest()
    assert merkle_proof([b"x"], b"x") == []
    assert merkle_verify(b"x", [], merkle_root([b"x"]))


def test_the_root_is_the_rfc_root_of_the_leaves_sorted_by_hash():
    expected = tree_root(sorted(leaf_hash(leaf) for leaf in CT_LEAVES)).hex()
    assert merkle_root(CT_LEAVES) == expected
    assert merkle_root(CT_LEAVES) != CT_ROOTS[8]


@given(leaves_lists, st.randoms(use_true_random=False))
def test_the_root_does_not_depend_on_the_order(leaves, random):
    shuffled = list(leaves)
    random.shuffle(shuffled)
    assert merkle_root(leaves) == merkle_root(shuffled)


@given(leaves_lists)
def test_every_leafs_proof_verifies(leaves):
    root = merkle_root(leaves)
    for leaf in leaves:
        assert merkle_verify(leaf, merkle_proof(leaves, leaf), root)


@given(leaves_lists, st.data())
def test_a_changed_leaf_does_not_verify(leaves, data):
    leaf = data.draw(st.sampled_from(leaves))
    other = data.draw(st.binary(max_size=40).filter(lambda x: x != leaf))
    assert not merkle_verify(other, merkle_proof(leaves, leaf), merkle_root(leaves))


@given(leaves_lists.filter(lambda xs: len(xs) > 1), st.data())
def test_a_changed_sibling_or_side_does_not_verify(leaves, data):
    leaf = data.draw(st.sampled_from(leaves))
    proof = merkle_proof(leaves, leaf)
    root = merkle_root(leaves)
    place = data.draw(st.integers(0, len(proof) - 1))
    step = proof[place]
    digit = data.draw(st.integers(0, 63))
    flipped = "0" if step.sibling[digit] != "0" else "1"
    sibling = step.sibling[:digit] + flipped + step.sibling[digit + 1 :]
    changed = [*proof[:place], MerkleStep(sibling, step.side), *proof[place + 1 :]]
    assert not merkle_verify(leaf, changed, root)
    other_side = "left" if step.side == "right" else "right"
    swapped = [*proof[:place], MerkleStep(step.sibling, other_side), *proof[place + 1 :]]
    assert not merkle_verify(leaf, swapped, root)
    assert not merkle_verify(leaf, proof[:place] + proof[place + 1 :], root)


@given(leaves_lists, st.data())
def test_a_changed_root_does_not_verify(leaves, data):
    leaf = data.draw(st.sampled_from(leaves))
    root = merkle_root(leaves)
    digit = data.draw(st.integers(0, 63))
    wrong = root[:digit] + ("0" if root[digit] != "0" else "1") + root[digit + 1 :]
    assert not merkle_verify(leaf, merkle_proof(leaves, leaf), wrong)


@given(leaves_lists)
def test_adding_a_receipt_changes_the_root(leaves):
    extra = b"one more" + max(leaves, key=len)  # longer than any: not among them
    assert merkle_root([*leaves, extra]) != merkle_root(leaves)


def test_a_leaf_not_among_the_leaves_has_no_proof():
    with pytest.raises(DomainError) as caught:
        merkle_proof([b"a", b"b"], b"c")
    assert caught.value.code is MerkleRefusal.NOT_A_LEAF
    with pytest.raises(DomainError):
        merkle_proof([], b"c")


def test_a_repeated_leaf_is_refused():
    for call in (merkle_root, lambda leaves: merkle_proof(leaves, b"a")):
        with pytest.raises(DomainError) as caught:
            call([b"a", b"b", b"a"])
        assert caught.value.code is MerkleRefusal.REPEATED_LEAF


def test_the_root_in_capitals_still_verifies():
    leaves = [b"a", b"b", b"c"]
    assert merkle_verify(b"b", merkle_proof(leaves, b"b"), merkle_root(leaves).upper())


@pytest.mark.parametrize(
    "proof",
    [
        [MerkleStep("zz" * 32, "left")],
        [MerkleStep("ab" * 31, "left")],
        [MerkleStep("ab" * 32, "up")],  # type: ignore[arg-type]
        [MerkleStep(None, "left")],  # type: ignore[arg-type]
        ["ab" * 32],
        [None],
    ],
)
def test_a_malformed_proof_is_false_never_an_exception(proof):
    assert merkle_verify(b"a", proof, merkle_root([b"a", b"b"])) is False


@pytest.mark.parametrize(("leaf", "root"), [("a", EMPTY_ROOT), (b"a", None), (b"a", b"root")])
def test_a_malformed_leaf_or_root_is_false(leaf, root):
    assert merkle_verify(leaf, [], root) is False


# Receipt leaves


def test_a_receipt_leaf_is_the_tag_the_code_and_the_digest():
    code = receipt("12345678901")
    assert receipt_leaf(code, DIGEST) == f"shora-receipt/1\n{code}\n{DIGEST}".encode()


@pytest.mark.parametrize(
    "code",
    [
        "",
        "12345678901",
        receipt("12345678901") + "0",
        "۱۲۳۴۵۶۷۸۹۰۱۲",
        "1234-5678-9012",
        receipt("1234567890")[:-1] + "x",
        None,
    ],
)
def test_a_receipt_leaf_needs_a_canonical_receipt_code(code):
    with pytest.raises(DomainError) as caught:
        receipt_leaf(code, DIGEST)
    assert caught.value.code is MerkleRefusal.BAD_RECEIPT


def test_a_receipt_leaf_refuses_a_wrong_check_digit():
    body = "12345678901"
    wrong = body + str((damm_check_digit(body) + 1) % 10)
    with pytest.raises(DomainError) as caught:
        receipt_leaf(wrong, DIGEST)
    assert caught.value.code is MerkleRefusal.BAD_RECEIPT


@pytest.mark.parametrize("digest", ["", DIGEST.upper(), DIGEST[:-1], DIGEST + "0", "g" * 64, None])
def test_a_receipt_leaf_needs_a_lower_case_sha256(digest):
    with pytest.raises(DomainError) as caught:
        receipt_leaf(receipt("12345678901"), digest)
    assert caught.value.code is MerkleRefusal.BAD_DIGEST


def test_a_stations_receipts_prove_one_by_one():
    receipts = [
        receipt_leaf(receipt(f"{n:011d}"), hashlib.sha256(str(n).encode()).hexdigest())
        for n in range(1000)
    ]
    root = merkle_root(receipts)
    for leaf in receipts[::97]:
        proof = merkle_proof(receipts, leaf)
        assert len(proof) == 10
        assert merkle_verify(leaf, proof, root)
