"""The Plan screen (key 7): profile, mentors and objectives, edited from the keyboard."""

from prepcoach.tui.screens.plan.screen import PlanScreen

__all__ = ["PlanScreen"]
