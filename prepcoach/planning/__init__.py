"""The plan's domain layer, shared by the CLI and the TUI through services: the term
clock, the mentor lifecycle, plan edits (profile, mentors, objectives, bookings) and the
held/planned rules for meetings.

Every edit goes through ``Store.update_plan`` (read-modify-write under the writer lock)
with names resolved inside it, so two running instances never lose each other's edits.
Errors are ``prepcoach.errors`` classes with user-facing messages.
"""

from __future__ import annotations

from prepcoach.planning.common import (
    IN_TERM_STATUSES,
    STOPPED_STATUSES,
    invalid_input,
    parse_areas,
)
from prepcoach.planning.lifecycle import (
    NEW_TERM_MOVES,
    TRANSITIONS,
    allowed_next,
    apply_status,
    check_status,
    find_recipient,
    is_legal,
    on_first_request_answered,
    on_first_request_sent,
    set_mentor_status,
)
from prepcoach.planning.meetings import (
    OverdueCapture,
    held_sessions,
    is_captured,
    is_held,
    nearest_weekday,
    next_meeting_date,
    overdue_captures,
    weekend_note,
)
from prepcoach.planning.mentors import (
    MENTOR_EDIT_FIELDS,
    PROFILE_FIELDS,
    RemovedMentor,
    add_mentor,
    book_meeting,
    cancel_meeting,
    edit_mentor,
    mentor_references,
    remove_mentor,
    restore_mentor,
    set_profile,
)
from prepcoach.planning.objectives import (
    MAX_ACTIVE_OBJECTIVES,
    active_objectives,
    add_objective,
    drop_objective,
    edit_objective,
    mark_objective_met,
    objective_load_warnings,
    reopen_objective,
)
from prepcoach.planning.terms import (
    TermClock,
    check_term_fits,
    finished_term_message,
    finished_terms,
    meeting_dates,
    months_between,
    stopped_on,
    term_clock,
    term_finished_but_active,
    term_label,
)

__all__ = [
    "IN_TERM_STATUSES",
    "MAX_ACTIVE_OBJECTIVES",
    "MENTOR_EDIT_FIELDS",
    "NEW_TERM_MOVES",
    "PROFILE_FIELDS",
    "STOPPED_STATUSES",
    "TRANSITIONS",
    "OverdueCapture",
    "RemovedMentor",
    "TermClock",
    "active_objectives",
    "add_mentor",
    "add_objective",
    "allowed_next",
    "apply_status",
    "book_meeting",
    "cancel_meeting",
    "check_status",
    "check_term_fits",
    "drop_objective",
    "edit_mentor",
    "edit_objective",
    "find_recipient",
    "finished_term_message",
    "finished_terms",
    "held_sessions",
    "invalid_input",
    "is_captured",
    "is_held",
    "is_legal",
    "mark_objective_met",
    "meeting_dates",
    "mentor_references",
    "months_between",
    "nearest_weekday",
    "next_meeting_date",
    "objective_load_warnings",
    "on_first_request_answered",
    "on_first_request_sent",
    "overdue_captures",
    "parse_areas",
    "remove_mentor",
    "reopen_objective",
    "restore_mentor",
    "set_mentor_status",
    "set_profile",
    "stopped_on",
    "term_clock",
    "term_finished_but_active",
    "term_label",
    "weekend_note",
]
