"""The agenda pane shows the user's words with their Markdown characters, as typed."""

from __future__ import annotations

from textual.app import App, ComposeResult

from prepcoach.agenda import agenda_markdown
from prepcoach.models import Agenda, AgendaItem
from prepcoach.tui.widgets.scrolling import ScrollingMarkdown

QUESTION = "Should I push back on the *reorg*? [Q3] <draft> `x` 2 options"
WIN = "- shipped *v2*"


class _Pane(App[None]):
    def compose(self) -> ComposeResult:
        agenda = Agenda(
            mentor="Priya Raman",
            minutes=20,
            engine="offline",
            items=[
                AgendaItem(title=QUESTION, minutes=15, kind="question"),
                AgendaItem(title="Wins", minutes=5, kind="win", detail=f"- {WIN}"),
            ],
        )
        yield ScrollingMarkdown(agenda_markdown(agenda), id="md")


async def test_markdown_characters_show_as_typed() -> None:
    app = _Pane()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        shown = [str(getattr(b, "_content", "")) for b in app.query_one("#md").query("*")]
        assert any(QUESTION in s for s in shown), shown
        assert WIN in shown, shown
