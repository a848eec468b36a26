"""Who may see and act on candidacies: every scope decision of this app, one condition a line.

Built on ``shora.accounts.access``. Outside one's unit the answer is 403 (PermissionDenied),
never an empty page. Personal data (national code, birth date, the review) is for the
provincial HQ and supervisors, the county's own staff and the district's own staff; the
frozen ballot (codes and names) is for everyone who may see the constituency.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from shora.accounts.access import can_change_election, can_see_constituency
from shora.accounts.models import Role, User
from shora.candidates.models import Candidacy
from shora.elections.models import Constituency, Election
from shora_domain.candidate_review import Board, ReviewAction

PERSONAL_DATA_ROLES = (Role.PROVINCE_HQ, Role.SUPERVISOR, Role.COUNTY, Role.DISTRICT)


def _refuse() -> PermissionDenied:
    return PermissionDenied("This lies outside your unit. / این مورد خارج از حوزهٔ دسترسی شماست.")


def can_see_candidacies(user: User, constituency: Constituency) -> bool:
    """The candidates of a constituency with their personal data and review."""
    if user.is_superuser:
        return True
    if user.role not in PERSONAL_DATA_ROLES:
        return False
    return can_see_constituency(user, constituency)


def can_see_ballot(user: User, constituency: Constituency) -> bool:
    """The frozen list of codes and names: everyone who may see the constituency."""
    return can_see_constituency(user, constituency)


def can_register_in(user: User, constituency: Constituency) -> bool:
    """Registration is the county's executive board's work, for its own county only."""
    if user.role != Role.COUNTY:
        return False
    return constituency.district.county_id == user.county_id


def is_board_member_for(user: User, board: Board, action: ReviewAction | None = None) -> bool:
    """Whether the user's role takes ``board``'s steps at all (else: the wrong board).

    A candidate's own acts (withdrawal, move) are written down by the county's staff; a
    written appeal may be received by them or by the supervisory board."""
    if board is Board.EXECUTIVE:
        return user.role == Role.COUNTY
    if board in (Board.SUPERVISORY, Board.HIGH_BOARD):
        return user.role == Role.SUPERVISOR
    if board is Board.CANDIDATE and action is ReviewAction.APPEAL:
        return user.role in (Role.COUNTY, Role.SUPERVISOR)
    if board is Board.CANDIDATE:
        return user.role == Role.COUNTY
    return False


def can_act_for(user: User, candidacy: Candidacy) -> bool:
    """Whether the user's board has authority over this candidacy's unit: county staff over
    their county's, supervisors over their province's."""
    county = candidacy.constituency.district.county
    if user.role == Role.COUNTY:
        return county.pk == user.county_id
    if user.role == Role.SUPERVISOR:
        return county.province_id == user.province_id
    return False


def can_edit_schedule(user: User, election: Election) -> bool:
    """The calendar of registration and review: the provincial HQ only."""
    return can_change_election(user, election)


def can_record_households(user: User, constituency: Constituency) -> bool:
    if user.role == Role.PROVINCE_HQ:
        return constituency.election.province_id == user.province_id
    if user.role == Role.COUNTY:
        return constituency.district.county_id == user.county_id
    return False


def candidacy_get_for_user(user: User, candidacy_id: int) -> Candidacy:
    candidacy = get_object_or_404(
        Candidacy.objects.select_related("constituency__district__county", "election"),
        pk=candidacy_id,
    )
    if not can_see_candidacies(user, candidacy.constituency):
        raise _refuse()
    return candidacy


def candidacies_constituency_get_for_user(user: User, constituency_id: int) -> Constituency:
    constituency = get_object_or_404(
        Constituency.objects.select_related("district__county", "election"), pk=constituency_id
    )
    if not can_see_candidacies(user, constituency):
        raise _refuse()
    return constituency


def ballot_constituency_get_for_user(user: User, constituency_id: int) -> Constituency:
    constituency = get_object_or_404(
        Constituency.objects.select_related("district__county", "election"), pk=constituency_id
    )
    if not can_see_ballot(user, constituency):
        raise _refuse()
    return constituency
