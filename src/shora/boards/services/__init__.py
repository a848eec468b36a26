"""Writes of staff and boards. Each service runs in one transaction and audits itself; each
checks the actor's scope itself too (``actor=None`` is the system: the demo, commands)."""

from shora.boards.services.board_settings import board_settings_update
from shora.boards.services.people import (
    person_register,
    person_update,
    relative_declare,
    relative_withdraw,
)
from shora.boards.services.seats import (
    board_member_appoint,
    board_member_end,
    nomination_rule,
    trustee_choose,
    trustee_nominate,
)
from shora.boards.services.serving import Appointment
from shora.boards.services.staff import field_post_appoint, staff_post_appoint, staff_post_end

__all__ = [
    "Appointment",
    "board_member_appoint",
    "board_member_end",
    "board_settings_update",
    "field_post_appoint",
    "nomination_rule",
    "person_register",
    "person_update",
    "relative_declare",
    "relative_withdraw",
    "staff_post_appoint",
    "staff_post_end",
    "trustee_choose",
    "trustee_nominate",
]
