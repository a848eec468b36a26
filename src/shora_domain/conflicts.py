"""Conflicts between serving the election and standing in it.

A post (a board seat, a station post, a field post) has authority over a set of
constituencies. Two rules (DOMAIN.md; the issue):

* A candidate may not serve where they stand: a post whose constituencies include the
  candidate's constituency, held by the candidate, is a **block** (the post is refused,
  and so is the candidacy on the candidates' side).
* A declared first-degree relative (parent, child, spouse, sibling) of a candidate
  serving where the candidate stands is flagged. The old law barred it (repealed in
  1986, its equivalent now unverified), so the election's setting decides whether it
  **blocks** or only **warns** (the default).

Relationships count from whichever side declared them: "A's sibling is B" relates B to
A too. ``find_conflicts`` is pure: the caller passes posts, candidacies and declarations.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Severity(enum.StrEnum):
    BLOCK = "block"
    WARN = "warn"


class RelativePolicy(enum.StrEnum):
    """What a declared first-degree relative of a candidate serving there does."""

    WARN = "warn"
    BLOCK = "block"


class Relation(enum.StrEnum):
    PARENT = "parent"
    CHILD = "child"
    SPOUSE = "spouse"
    SIBLING = "sibling"

    @property
    def reverse(self) -> Relation:
        """What the other person is to the declarer's relative: a parent's child, say."""
        return {Relation.PARENT: Relation.CHILD, Relation.CHILD: Relation.PARENT}.get(self, self)

    def label(self, language: str = "fa") -> str:
        fa, en = _RELATION_LABELS[self]
        return en if language == "en" else fa


_RELATION_LABELS = {
    Relation.PARENT: ("پدر یا مادر", "parent"),
    Relation.CHILD: ("فرزند", "child"),
    Relation.SPOUSE: ("همسر", "spouse"),
    Relation.SIBLING: ("خواهر یا برادر", "sibling"),
}


class ConflictKind(enum.StrEnum):
    CANDIDATE_SERVING = "candidate_serving"
    RELATIVE_OF_CANDIDATE = "relative_of_candidate"


@dataclass(frozen=True)
class PostFacts:
    """One post held (or about to be held) by the person with ``national_code``."""

    key: str
    national_code: str
    label_fa: str
    label_en: str
    constituency_ids: frozenset[int]


@dataclass(frozen=True)
class CandidacyFacts:
    national_code: str
    candidate_id: int
    constituency_id: int
    name: str


@dataclass(frozen=True)
class Declaration:
    """``declarer`` says ``relative`` is their ``relation`` (the relative is their parent…)."""

    declarer: str
    relative: str
    relation: Relation


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    severity: Severity
    post_key: str
    national_code: str
    candidate_id: int
    constituency_id: int
    fa: str
    en: str
    relation: Relation | None = None

    def message(self, language: str = "fa") -> str:
        return self.en if language == "en" else self.fa

    @property
    def blocks(self) -> bool:
        return self.severity == Severity.BLOCK


def relatives_by_person(declarations: Iterable[Declaration]) -> dict[str, dict[str, Relation]]:
    """For everyone named in a declaration, their relatives and what each is to them;
    a relationship counts from whichever side declared it (the first declaration wins)."""
    found: dict[str, dict[str, Relation]] = {}
    for declaration in declarations:
        if declaration.declarer == declaration.relative:
            continue
        found.setdefault(declaration.declarer, {}).setdefault(
            declaration.relative, declaration.relation
        )
        found.setdefault(declaration.relative, {}).setdefault(
            declaration.declarer, declaration.relation.reverse
        )
    return found


def relatives_of(national_code: str, declarations: Iterable[Declaration]) -> dict[str, Relation]:
    """Everyone related to ``national_code`` by a declaration from either side, with what
    they are to that person."""
    return relatives_by_person(
        d for d in declarations if national_code in (d.declarer, d.relative)
    ).get(national_code, {})


def find_conflicts(
    *,
    posts: Iterable[PostFacts],
    candidacies: Iterable[CandidacyFacts],
    declarations: Iterable[Declaration],
    relative_policy: RelativePolicy,
) -> list[Conflict]:
    """Every conflict among the posts, blocks first, in a stable order."""
    by_code: dict[str, list[CandidacyFacts]] = {}
    for candidacy in candidacies:
        by_code.setdefault(candidacy.national_code, []).append(candidacy)
    related = relatives_by_person(declarations)
    relative_severity = Severity.BLOCK if relative_policy == RelativePolicy.BLOCK else Severity.WARN
    conflicts: list[Conflict] = []
    for post in posts:
        for candidacy in by_code.get(post.national_code, []):
            if candidacy.constituency_id in post.constituency_ids:
                conflicts.append(_candidate_serving(post, candidacy))
        for relative, relation in sorted(related.get(post.national_code, {}).items()):
            for candidacy in by_code.get(relative, []):
                if candidacy.constituency_id in post.constituency_ids:
                    conflicts.append(
                        _relative_serving(post, candidacy, relation, relative_severity)
                    )
    return sorted(
        conflicts,
        key=lambda c: (c.severity != Severity.BLOCK, c.national_code, c.post_key, c.candidate_id),
    )


def _candidate_serving(post: PostFacts, candidacy: CandidacyFacts) -> Conflict:
    return Conflict(
        kind=ConflictKind.CANDIDATE_SERVING,
        severity=Severity.BLOCK,
        post_key=post.key,
        national_code=post.national_code,
        candidate_id=candidacy.candidate_id,
        constituency_id=candidacy.constituency_id,
        fa=(f"«{candidacy.name}» نامزد همین حوزه است و نمی‌تواند در «{post.label_fa}» خدمت کند."),
        en=(
            f"{candidacy.name} is a candidate in this constituency and may not serve as "
            f"{post.label_en}."
        ),
    )


def _relative_serving(
    post: PostFacts, candidacy: CandidacyFacts, relation: Relation, severity: Severity
) -> Conflict:
    return Conflict(
        kind=ConflictKind.RELATIVE_OF_CANDIDATE,
        severity=severity,
        post_key=post.key,
        national_code=post.national_code,
        candidate_id=candidacy.candidate_id,
        constituency_id=candidacy.constituency_id,
        relation=relation,
        fa=(
            f"«{candidacy.name}»، نامزد همین حوزه، {relation.label('fa')} کسی است که در "
            f"«{post.label_fa}» خدمت می‌کند (خویشاوند درجهٔ یک)."
        ),
        en=(
            f"{candidacy.name}, a candidate in this constituency, is the "
            f"{relation.label('en')} of the person serving as {post.label_en} "
            "(a first-degree relative)."
        ),
    )
