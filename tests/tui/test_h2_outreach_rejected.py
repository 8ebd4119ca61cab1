"""When the model's draft still broke rules and the offline draft replaced it, Outreach
says so and F3 shows the model's draft, read-only."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.widgets import Input, TextArea

from prepcoach.lint.registry import Violation
from prepcoach.models import OutreachDraft
from prepcoach.services import Services
from prepcoach.tui.widgets.prompt import TextViewScreen
from tui.helpers import SIZE, screen_text, settle

MODEL_BODY = "Hi Elena, could you be my mentor? [bold]Please[/] say yes."


class RejectingServices(Services):
    """The offline draft, as if it replaced a model draft that broke a rule."""

    def outreach(self, req: Any, **kwargs: Any) -> Any:
        result = super().outreach(req, **kwargs)
        model = OutreachDraft(to=req.to, body=MODEL_BODY, subject="Mentoring?", engine="llm")
        broke = [Violation(rule="no-mentor-word", reason="says 'mentor'")]
        return dataclasses.replace(result, model_draft=model, model_violations=broke, attempts=3)


async def draft_outreach(pilot: Any) -> Any:
    """Fill To and the ask on Outreach and draft (ctrl+g); the screen."""
    await settle(pilot)
    screen = pilot.app.screen
    screen.query_one("#o-to", Input).value = "Elena Sorensen"
    screen.query_one("#o-ask", Input).value = "how you ran your first budget cycle"
    await pilot.press("ctrl+g")
    await settle(pilot)
    return screen


async def test_the_replacement_is_said_and_f3_shows_the_model_draft(
    make_app, settings, store
) -> None:
    app = make_app("outreach", services=RejectingServices(settings, store))
    async with app.run_test(size=SIZE) as pilot:
        screen = await draft_outreach(pilot)
        body = screen.query_one("#o-body", TextArea).text
        assert "mentor" not in body.lower()  # the offline draft is in the form
        text = " ".join(screen_text(app).split())
        assert "The model's draft still broke 1 rule (no-mentor-word)" in text
        assert "F3 shows the model's draft" in text
        said = " ".join(n.message for n in app._notifications)
        assert "so this is the offline draft" in said
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, TextViewScreen)
        view = app.screen.query_one("#text-view-body", TextArea)
        assert view.read_only
        assert view.text == f"Subject: Mentoring?\n\n{MODEL_BODY}"  # markup kept as text
        assert "no-mentor-word: says 'mentor'" in screen_text(app)
        await pilot.press("x")  # read-only: typing changes nothing
        assert view.text.endswith(MODEL_BODY)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one("#o-body", TextArea).text == body


async def test_f3_without_a_rejected_draft_says_why(make_app) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        screen = await draft_outreach(pilot)
        assert "F3" not in screen_text(app)
        await pilot.press("f3")
        await pilot.pause()
        assert app.screen is screen
        said = " ".join(n.message for n in app._notifications)
        assert "No model draft was rejected" in said
