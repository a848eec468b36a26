"""Reads of candidacies, the calendar, the review queue and the frozen ballots."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from shora.accounts.models import Role, User
from shora.candidates.access import can_act_for, is_board_member_for
from shora.candidates.errors import CandidacyRefusal
from shora.candidates.models import (
    ACTIVE_STATUS_VALUES,
    Ballot,
    BallotEntry,
    Candidacy,
    CandidacySchedule,
    ReviewStep,
)
from shora.candidates.schedule import (
    schedule_defaults,
    step_deadline,
    tehran_time,
    tehran_today,
)
from shora.elections.models import Constituency, Election
from shora_domain.ballot_definition import BallotDefinition, ballot_from_dict, ballot_sha256
from shora_domain.candidacy import ConstituencyFacts, EducationRules, required_degree
from shora_domain.candidate_profile import Degree
from shora_domain.candidate_review import (
    STEPS,
    Board,
    CandidacyStatus,
    ReviewAction,
    appeal_deadline,
)
from shora_domain.digits import to_latin_digits
from shora_domain.errors import DomainError
from shora_domain.persian_text import search_key


@dataclass(frozen=True)
class CandidacyRef:
    """An active candidacy of a person, as other parts of the election see it."""

    national_code: str
    candidate_id: int
    constituency_id: int
    name: str
    status: str


def active_candidacies(
    *, election: Election, national_codes: Iterable[str]
) -> dict[str, list[CandidacyRef]]:
    """The active candidacies (registered, in review or approved; not withdrawn, not finally
    rejected) of these people in ``election``, by national code. Codes without one are absent.

    Codes are compared as stored: ten Latin digits (``parse_national_code``'s form).
    """
    wanted = {to_latin_digits(code).strip() for code in national_codes}
    found: dict[str, list[CandidacyRef]] = {}
    if not wanted:
        return found
    rows = (
        Candidacy.objects.filter(
            election=election, national_code__in=wanted, status__in=ACTIVE_STATUS_VALUES
        )
        .order_by("national_code", "pk")
        .values_list("national_code", "pk", "constituency_id", "first_name", "last_name", "status")
    )
    for code, pk, constituency_id, first_name, last_name, status in rows:
        found.setdefault(code, []).append(
            CandidacyRef(
                national_code=code,
                candidate_id=pk,
                constituency_id=constituency_id,
                name=f"{first_name} {last_name}",
                status=status,
            )
        )
    return found


def candidacy_schedule_for(election: Election) -> CandidacySchedule:
    """The saved schedule, or the default one for the election's polling day (unsaved)."""
    saved = CandidacySchedule.objects.filter(election=election).first()
    if saved is not None:
        return saved
    return CandidacySchedule(election=election, **schedule_defaults(election))


def village_households(constituency: Constituency, schedule: CandidacySchedule) -> tuple[int, bool]:
    """A village's households and whether they were recorded (else estimated from population)."""
    record = getattr(constituency, "households_record", None)
    if record is not None:
        return record.households, True
    per_household = float(schedule.persons_per_household) or 1.0
    return math.ceil(constituency.population / per_household), False


def constituency_facts(
    constituency: Constituency, schedule: CandidacySchedule
) -> ConstituencyFacts:
    households = 0
    if constituency.kind == "village":
        households, _ = village_households(constituency, schedule)
    return ConstituencyFacts(
        kind="village" if constituency.kind == "village" else "city",
        name=constituency.name,
        population=constituency.population,
        households=households,
    )


def education_rules(election: Election) -> EducationRules:
    return EducationRules(
        city_degree=Degree(election.city_education_required),
        city_degree_population_from=election.city_higher_education_population_from,
        village_literacy_households_up_to=election.village_literacy_households_up_to,
    )


def constituency_required_degree(constituency: Constituency) -> Degree:
    schedule = candidacy_schedule_for(constituency.election)
    return required_degree(
        constituency_facts(constituency, schedule), education_rules(constituency.election)
    )


def similar_candidacies(
    *, election: Election, first_name: str, last_name: str, birth_date: datetime.date,
    national_code: str,
) -> list[Candidacy]:  # fmt: skip
    """Active candidacies of the same normalised name and birth date under another code:
    maybe the same person twice under a mistyped code (a warning, not a refusal)."""
    return list(
        Candidacy.objects.filter(
            election=election,
            name_key=candidacy_name_key(first_name, last_name),
            birth_date=birth_date,
            status__in=ACTIVE_STATUS_VALUES,
        )
        .exclude(national_code=national_code)
        .select_related("constituency")
    )


def candidacy_name_key(first_name: str, last_name: str) -> str:
    return search_key(f"{first_name} {last_name}")


def candidacies_of_constituency(constituency: Constituency) -> QuerySet[Candidacy]:
    return Candidacy.objects.filter(constituency=constituency).select_related("ballot_entry")


def status_counts(candidacies: QuerySet[Candidacy]) -> dict[str, int]:
    rows = candidacies.values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def candidacy_history(candidacy: Candidacy) -> QuerySet[ReviewStep]:
    return candidacy.steps.order_by("acted_at", "pk")


def last_step(candidacy: Candidacy, action: ReviewAction) -> ReviewStep | None:
    return candidacy.steps.filter(action=action.value).order_by("-acted_at", "-pk").first()


def step_deadline_for(candidacy: Candidacy, action: ReviewAction) -> datetime.date | None:
    """The last day for ``action`` on ``candidacy``: the schedule's, or the appeal window."""
    election = candidacy.election
    if action is ReviewAction.APPEAL:
        ruling = last_step(candidacy, ReviewAction.SUPERVISORY_REJECT)
        if ruling is None:
            return None
        ruled_on = tehran_time(ruling.acted_at).date()
        return appeal_deadline(ruled_on, election.appeal_days)
    board = STEPS[action].board
    schedule = candidacy_schedule_for(election)
    return step_deadline(schedule, candidacy.constituency.kind, board)


def appeal_window_passed(candidacy: Candidacy, today: datetime.date | None = None) -> bool:
    """A rejection whose appeal window has closed unused."""
    if candidacy.status != CandidacyStatus.REJECTED.value:
        return False
    deadline = step_deadline_for(candidacy, ReviewAction.APPEAL)
    return deadline is not None and (today or tehran_today()) > deadline


@dataclass(frozen=True)
class QueueItem:
    candidacy: Candidacy
    actions: tuple[ReviewAction, ...]
    deadline: datetime.date | None
    days_left: int | None


_QUEUE_STATUSES = {
    Board.EXECUTIVE: [CandidacyStatus.REGISTERED],
    Board.SUPERVISORY: [CandidacyStatus.EXECUTIVE_APPROVED, CandidacyStatus.EXECUTIVE_REJECTED],
    Board.HIGH_BOARD: [CandidacyStatus.APPEALED],
}


def boards_of(user: User) -> list[Board]:
    """The boards a user acts for: county staff for the executive board; the supervisory
    role for the supervisory board and the provincial high board."""
    if user.role == Role.COUNTY:
        return [Board.EXECUTIVE]
    if user.role == Role.SUPERVISOR:
        return [Board.SUPERVISORY, Board.HIGH_BOARD]
    return []


def review_queue(
    *, election: Election, board: Board, candidacies: QuerySet[Candidacy]
) -> list[QueueItem]:
    """What waits for ``board`` among ``candidacies`` (already scoped), soonest deadline first."""
    waiting = (
        candidacies.filter(election=election, status__in=[s.value for s in _QUEUE_STATUSES[board]])
        .select_related("constituency__district__county", "election")
        .order_by("registered_at", "pk")
    )
    today = tehran_today()
    schedule = candidacy_schedule_for(election)
    items = []
    for candidacy in waiting:
        actions = tuple(
            action
            for action, step in STEPS.items()
            if step.board is board and candidacy.status_enum in step.from_statuses
        )
        deadline = step_deadline(schedule, candidacy.constituency.kind, board)
        days_left = (deadline - today).days if deadline is not None else None
        items.append(QueueItem(candidacy, actions, deadline, days_left))
    items.sort(key=lambda item: (item.deadline or datetime.date.max, item.candidacy.pk))
    return items


def pending_candidacies(election: Election) -> QuerySet[Candidacy]:
    """Candidacies without a final decision; a rejection whose appeal window closed unused
    counts as final (it is marked so on entering "ready")."""
    return Candidacy.objects.filter(election=election, status__in=ACTIVE_STATUS_VALUES).exclude(
        status=CandidacyStatus.APPROVED.value
    )


def constituencies_without_approved(election: Election) -> QuerySet[Constituency]:
    return (
        election.constituencies.annotate(
            approved=Count(
                "candidacies", filter=Q(candidacies__status=CandidacyStatus.APPROVED.value)
            )
        )
        .filter(approved=0)
        .select_related("district__county")
        .order_by("code")
    )


def ballot_of(constituency: Constituency) -> Ballot | None:
    return Ballot.objects.filter(constituency=constituency).first()


def ballot_search(ballot: Ballot, query: str) -> QuerySet[BallotEntry]:
    """The ballot's entries whose code starts with, or whose name contains, ``query``."""
    entries = ballot.entries.order_by("position")
    text = to_latin_digits(query).strip()
    if not text:
        return entries
    if text.isdigit():
        return entries.filter(code__startswith=text)
    return entries.filter(name_key__contains=search_key(text))


@dataclass(frozen=True)
class StepOffer:
    """A step the user may take now on a candidacy, with its last day."""

    action: ReviewAction
    needs_reason: bool
    deadline: datetime.date | None


def steps_offered(user: User, candidacy: Candidacy) -> list[StepOffer]:
    """The review steps (and withdrawal, appeal) this user may take on ``candidacy`` now;
    the move has its own form. The services check all of it again."""
    if candidacy.election.phase not in ("registration", "review"):
        return []
    if not can_act_for(user, candidacy):
        return []
    offers = []
    for action, step in STEPS.items():
        if action in (ReviewAction.MOVE, ReviewAction.APPEAL_LAPSE):
            continue
        if candidacy.status_enum not in step.from_statuses:
            continue
        if not is_board_member_for(user, step.board, action):
            continue
        offers.append(StepOffer(action, step.needs_reason, step_deadline_for(candidacy, action)))
    return offers


def move_destinations(candidacy: Candidacy) -> list[Constituency]:
    """The other constituencies of the candidacy's county in its election."""
    return list(
        Constituency.objects.filter(
            election=candidacy.election,
            district__county_id=candidacy.constituency.district.county_id,
        )
        .exclude(pk=candidacy.constituency_id)
        .order_by("kind", "name_key")
    )


def candidacies_search(candidacies: QuerySet[Candidacy], query: str) -> QuerySet[Candidacy]:
    """By name (any spelling, with or without ZWNJ), national code, or ballot code."""
    text = to_latin_digits(query).strip()
    if not text:
        return candidacies
    if text.isdigit():
        return candidacies.filter(
            Q(national_code__startswith=text) | Q(ballot_entry__code__startswith=text)
        )
    return candidacies.filter(name_key__contains=search_key(text))


def ballot_rows(ballot: Ballot, query: str) -> QuerySet[BallotEntry]:
    """The frozen ballot's entries matching ``query``, with the father's name for the page."""
    return ballot_search(ballot, query).select_related("candidacy")


@dataclass(frozen=True)
class RegisterEntry:
    """Where the candidate stands on the voter register (shown, never a condition)."""

    constituency_name: str
    same_constituency: bool


def register_entry(candidacy: Candidacy) -> RegisterEntry | None:
    """The candidate's place on the voter register (shora.registers), or None if absent."""
    from shora.registers.selectors import voter_by_national_code

    voter = voter_by_national_code(
        election=candidacy.election, national_code=candidacy.national_code
    )
    if voter is None:
        return None
    return RegisterEntry(
        constituency_name=voter.constituency.name,
        same_constituency=voter.constituency_id == candidacy.constituency_id,
    )


def frozen_ballot(constituency: Constituency) -> BallotDefinition | None:
    """The constituency's frozen ballot as polling and tallying read it (codes, names,
    veterans, degrees), or None before freezing. Its SHA-256 is checked against the one
    recorded at freezing: a stored ballot that no longer matches is refused, not used."""
    ballot = ballot_of(constituency)
    if ballot is None:
        return None
    definition = ballot_from_dict(ballot.content)
    if ballot_sha256(definition) != ballot.sha256:
        raise DomainError(
            CandidacyRefusal.BALLOT_ALTERED,
            fa=(
                f"برگهٔ رأی «{constituency.name}» با چکیدهٔ ثبت‌شده هنگام قطعی‌شدن نمی‌خواند؛ "
                "این برگه به کار نمی‌رود و باید بررسی شود."
            ),
            en=(
                f"The ballot of {constituency.name} no longer matches the SHA-256 recorded when "
                "it was frozen; it is not used and must be investigated."
            ),
        )
    return definition
