"""First run: on an empty data directory the app opens a short setup over the dashboard:
about you (profile), your first mentor or prospect, your first objective.

Each step is written only when the user saves it (ctrl+s, or enter in its last line of
text), through the same plan edits as the Plan screen; any step can be skipped (ctrl+n)
and the setup closed (escape). Nothing typed is thrown away without asking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from prepcoach.errors import PrepcoachError
from prepcoach.tui.keymap import keys
from prepcoach.tui.screens.plan import fields as F
from prepcoach.tui.screens.plan.actions import PlanActions
from prepcoach.tui.text import plain
from prepcoach.tui.widgets.confirm import ConfirmScreen
from prepcoach.tui.widgets.dialog import Dialog
from prepcoach.tui.widgets.form import EnterMovesOn, Field, FormFields

if TYPE_CHECKING:
    from prepcoach.models import Plan
    from prepcoach.store import Store
    from prepcoach.tui.app import PrepcoachApp


def needs_setup(store: Store) -> bool:
    """Whether the data directory is empty or missing: no profile, mentor or objective
    in the plan and no session or outreach draft saved."""
    try:
        if not store.root.exists():
            return True
        plan = store.load_plan()
        p = plan.profile
        if (
            plan.mentors
            or plan.objectives
            or any(x.strip() for x in (p.name, p.title, p.organisation, p.manager, p.email))
        ):
            return False
        return not store.list_sessions() and not store.list_outreach()
    except (PrepcoachError, OSError):
        return False  # the app reports what it cannot read; no setup over it


@dataclass(frozen=True)
class Step:
    title: str
    note: str
    fields: Callable[[Plan, str], list[Field]]


def _objective(plan: Plan, mentor_id: str) -> list[Field]:
    return F.objective_fields(plan, mentors=[mentor_id] if mentor_id else [])


STEPS = (
    Step(
        "Step 1 of 3 · About you",
        "Your name and title introduce you in first requests. All optional.",
        lambda plan, _: F.profile_fields(plan.profile),
    ),
    Step(
        "Step 2 of 3 · Your first mentor or prospect",
        "Someone two or three levels above you. Space ticks a kind of support.",
        lambda _plan, _: F.mentor_fields(first=True),
    ),
    Step(
        "Step 3 of 3 · Your first objective",
        "What you want help with, and how you will know it is met.",
        _objective,
    ),
)


class FirstRunScreen(EnterMovesOn, Dialog[None]):
    BINDINGS: ClassVar[list[BindingType]] = keys("first_run")

    def __init__(self) -> None:
        super().__init__()
        self.step = 0
        self.mentor_id = ""  # the mentor added in step 2 (the objective's default)
        self.saved: list[str] = []

    @property
    def papp(self) -> PrepcoachApp:
        return cast("PrepcoachApp", self.app)

    @property
    def edits(self) -> PlanActions:
        return PlanActions(self.papp.services, self.papp.today)

    def compose_dialog(self) -> ComposeResult:
        with Vertical(id="setup"):
            yield Static(Content.styled("Welcome to prepcoach", "bold $text-accent"))
            yield Static("", id="setup-title")
            yield Static("", id="setup-note")
            yield VerticalScroll(id="setup-body")
            yield Static("", id="setup-error")
            yield Static(
                Content.styled(
                    "enter next field · ctrl+s save step · ctrl+n skip · esc close", "dim"
                ),
                id="setup-keys",
            )

    def on_mount(self) -> None:
        self._show_step()

    @property
    def form(self) -> FormFields:
        return self.query_one(f"#setup-{self.step}", FormFields)

    def _show_step(self) -> None:
        step = STEPS[self.step]
        self.query_one("#setup-title", Static).update(Content.styled(step.title, "bold"))
        self.query_one("#setup-note", Static).update(plain(step.note, "italic"))
        self.query_one("#setup-error", Static).update("")
        body = self.query_one("#setup-body", VerticalScroll)
        body.remove_children()
        plan = self.edits.plan()
        # the new form focuses its first field itself, once its rows are mounted
        fields = step.fields(plan, self.mentor_id)
        body.mount(FormFields(fields, id=f"setup-{self.step}", focus=True))

    @on(FormFields.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        self.after_typing(self._save_step)

    def _save_step(self) -> None:
        values = self.form.values()
        try:
            saved = self._save(values)
        except (PrepcoachError, OSError, ValueError) as exc:
            self.query_one("#setup-error", Static).update(plain(f"✗ {exc}", "$error"))
            return
        if saved:
            self.saved.append(saved)
            self.papp.changed()
        self._next()

    def _save(self, values: dict[str, Any]) -> str:
        """Write this step; returns what was saved ("" when there was nothing to save)."""
        if self.step == 0:
            profile = F.profile_values(values)
            if not any(v.strip() for v in profile.values()):
                return ""
            self.edits.set_profile(**profile)
            return "your profile"
        if self.step == 1:
            v = F.mentor_values(values)
            mentor, _ = self.edits.add_mentor(v.pop("name"), **v)
            self.mentor_id = mentor.id
            return mentor.name
        v = F.objective_values(values)
        obj, warnings = self.edits.add_objective(
            v["title"], support_area=v["area"], done_when=v["done_when"], mentors=v["mentors"]
        )
        for w in warnings:
            self.notify(w, severity="warning", markup=False)
        return f'"{obj.title}"'

    def _next(self) -> None:
        if self.step + 1 < len(STEPS):
            self.step += 1
            self._show_step()
            return
        self.dismiss(None)
        if self.saved:
            self.app.notify(
                "Saved " + ", ".join(self.saved) + ". Book the next meeting on the Plan "
                "screen (7, then b); 2 Prep prepares it.",
                title="Set up",
                markup=False,
                timeout=10,
            )

    def _unless_typed(
        self, title: str, question: str, yes: str, then: Callable[[], object]
    ) -> None:
        if not self.form.changed():
            then()
            return

        def answered(ok: bool | None) -> None:
            if ok:
                then()

        self.app.push_screen(ConfirmScreen(title, [], question, yes=yes), answered)

    def action_skip(self) -> None:
        self._unless_typed(
            "Skip this step?", "What you typed in this step is not saved. Skip it?", "Skip",
            self._next,
        )  # fmt: skip

    def action_close(self) -> None:
        self._unless_typed(
            "Close the setup?",
            "What you typed in this step is not saved. Close the setup?",
            "Close",
            lambda: self.dismiss(None),
        )
