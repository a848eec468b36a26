"""The Merkle root of a station's receipts, and the proof that one receipt is among them.

Hashing is RFC 6962's (Certificate Transparency), exactly: SHA-256; a leaf hashes as
H(0x00 || leaf), a node as H(0x01 || left || right), the prefixes keeping a leaf from ever
passing for a node; a tree of n > 1 leaves splits at k, the largest power of two below n
(so no node is duplicated or promoted by hand: an odd last leaf simply joins the tree
higher up); the empty tree's root is SHA-256 of nothing. Any RFC 6962 implementation
computes the same roots from the same ordered leaf hashes (the tests check the published
Certificate Transparency vectors).

shora's one addition: the leaves are put in the order of their leaf hashes before the tree
is built, so the root does not depend on the order the receipts arrived in, and neither
the root nor a proof reveals that order (which would tell the order of voting).

A station's leaf is ``receipt_leaf(code, sealed_sha256)``: the receipt code the voter holds
and the SHA-256 of their sealed ballot. A voter or an observer checks a receipt against
the station's published root with ``merkle_proof`` and ``merkle_verify``.
"""

from __future__ import annotations

import bisect
import enum
import hashlib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .ballot_codes import damm_check_digit
from .errors import DomainError

_LEAF_PREFIX = b"\x00"
_NODE_PREFIX = b"\x01"
RECEIPT_LEAF_TAG = b"shora-receipt/1\n"
EMPTY_ROOT = hashlib.sha256(b"").hexdigest()
_RECEIPT = re.compile(r"[0-9]{12}")
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class MerkleRefusal(enum.Enum):
    """Why a leaf could not be made or proved."""

    BAD_RECEIPT = "merkle.bad_receipt"
    BAD_DIGEST = "merkle.bad_digest"
    NOT_A_LEAF = "merkle.not_a_leaf"
    REPEATED_LEAF = "merkle.repeated_leaf"


@dataclass(frozen=True)
class MerkleStep:
    """One step up from a leaf: the sibling's hash (hex) and on which side it stands."""

    sibling: str
    side: Literal["left", "right"]


def receipt_leaf(receipt_code: str, sealed_sha256: str) -> bytes:
    """The leaf of one receipt: b"shora-receipt/1\\n" + code + "\\n" + digest."""
    if not (
        isinstance(receipt_code, str)
        and _RECEIPT.fullmatch(receipt_code)
        and damm_check_digit(receipt_code) == 0
    ):
        raise DomainError(
            MerkleRefusal.BAD_RECEIPT,
            fa="کد رسید برگ درخت مرکل باید ۱۲ رقم لاتین با رقم کنترل درست باشد.",
            en="A Merkle leaf's receipt code must be 12 Latin digits with a right check digit.",
        )
    if not (isinstance(sealed_sha256, str) and _SHA256_HEX.fullmatch(sealed_sha256)):
        raise DomainError(
            MerkleRefusal.BAD_DIGEST,
            fa="درهم‌نگار رأی رمزشده باید ۶۴ رقم شانزده‌شانزدهی کوچک باشد.",
            en="The sealed ballot's digest must be 64 lower-case hex digits.",
        )
    return RECEIPT_LEAF_TAG + f"{receipt_code}\n{sealed_sha256}".encode("ascii")


def leaf_hash(leaf: bytes) -> bytes:
    """RFC 6962's leaf hash: SHA-256(0x00 || leaf)."""
    return hashlib.sha256(_LEAF_PREFIX + leaf).digest()


def _node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(_NODE_PREFIX + left + right).digest()


def _split(size: int) -> int:
    """The largest power of two below ``size`` (size > 1)."""
    return 1 << ((size - 1).bit_length() - 1)


def _subtree_root(hashes: Sequence[bytes], start: int, end: int) -> bytes:
    if end - start == 1:
        return hashes[start]
    middle = start + _split(end - start)
    return _node_hash(_subtree_root(hashes, start, middle), _subtree_root(hashes, middle, end))


def tree_root(hashes: Sequence[bytes]) -> bytes:
    """RFC 6962's Merkle tree hash of leaf ``hashes`` in the order given."""
    if not hashes:
        return hashlib.sha256(b"").digest()
    return _subtree_root(hashes, 0, len(hashes))


def tree_path(hashes: Sequence[bytes], index: int) -> list[MerkleStep]:
    """RFC 6962's audit path of leaf ``index`` among leaf ``hashes``, from the leaf up."""
    steps: list[MerkleStep] = []
    start, end = 0, len(hashes)
    if not 0 <= index < end:
        raise IndexError(f"leaf {index} of a tree of {end}")
    while end - start > 1:  # walk down, collecting siblings; reversed at the end
        middle = start + _split(end - start)
        if index < middle:
            steps.append(MerkleStep(_subtree_root(hashes, middle, end).hex(), "right"))
            end = middle
        else:
            steps.append(MerkleStep(_subtree_root(hashes, start, middle).hex(), "left"))
            start = middle
    steps.reverse()
    return steps


def _sorted_hashes(leaves: Sequence[bytes]) -> list[bytes]:
    hashes = sorted(leaf_hash(leaf) for leaf in leaves)
    if any(first == second for first, second in itertools.pairwise(hashes)):
        raise DomainError(
            MerkleRefusal.REPEATED_LEAF,
            fa="یک رسید دو بار در میان رسیدهای شعبه آمده است.",
            en="A receipt appears twice among the station's receipts.",
        )
    return hashes


def merkle_root(leaves: Sequence[bytes]) -> str:
    """The hex root of ``leaves``, put in the order of their leaf hashes first.

    A leaf given twice is refused: receipts are unique, and a repeated one could not be
    told from its twin by a proof.
    """
    return tree_root(_sorted_hashes(leaves)).hex()


def merkle_proof(leaves: Sequence[bytes], leaf: bytes) -> list[MerkleStep]:
    """The steps from ``leaf`` up to ``merkle_root(leaves)``; DomainError if it is not there."""
    hashes = _sorted_hashes(leaves)
    wanted = leaf_hash(leaf)
    low = bisect.bisect_left(hashes, wanted)  # the hashes are sorted
    if low == len(hashes) or hashes[low] != wanted:
        raise DomainError(
            MerkleRefusal.NOT_A_LEAF,
            fa="این رسید در میان رسیدهای این شعبه نیست.",
            en="This receipt is not among the station's receipts.",
        )
    return tree_path(hashes, low)


def merkle_verify(leaf: bytes, proof: Sequence[MerkleStep], root: str) -> bool:
    """Whether ``proof`` leads from ``leaf`` to the hex ``root`` (False on any bad input)."""
    if not isinstance(leaf, bytes) or not isinstance(root, str):
        return False
    current = leaf_hash(leaf)
    for step in proof:
        if not isinstance(step, MerkleStep) or not isinstance(step.sibling, str):
            return False
        if not _SHA256_HEX.fullmatch(step.sibling):
            return False
        sibling = bytes.fromhex(step.sibling)
        if step.side == "left":
            current = _node_hash(sibling, current)
        elif step.side == "right":
            current = _node_hash(current, sibling)
        else:
            return False
    return current.hex() == root.lower()
