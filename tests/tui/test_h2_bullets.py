"""Wrapped bullets keep their hanging indent: a bullet's continuation lines start under
its text (rules panel, review reasons, Prep's carried-over list)."""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea

from prepcoach.agenda.carry import CarryOver
from tui.helpers import SIZE, screen_text, settle

WORDS = " ".join(f"w{i:02d}" for i in range(1, 41))  # long enough to wrap anywhere


def _lines(app: Any, widget: Any) -> list[str]:
    """The screen text inside ``widget``'s content region."""
    r = widget.content_region
    rows = screen_text(app).split("\n")[r.y : r.y + r.height]
    return [row[r.x : r.x + r.width] for row in rows]


def _assert_hangs(lines: list[str]) -> None:
    """The line holding w01 and every line after it holding more words start their words
    at w01's column."""
    first = next(i for i, line in enumerate(lines) if "w01" in line)
    col = lines[first].index("w01")
    cont = [line for line in lines[first + 1 :] if line.strip().startswith("w")]
    assert cont, "the text did not wrap"
    for line in cont:
        assert len(line) - len(line.lstrip()) == col, (col, line)


async def test_review_reasons_hang_under_their_text(make_app) -> None:
    app = make_app("review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        mentor = screen.selected
        rec = screen.snap.view(mentor).review
        screen.written[mentor] = rec.model_copy(update={"reasons": [WORDS]})
        screen._show(mentor)
        await pilot.pause()
        _assert_hangs(_lines(app, screen.query_one("#r-text")))


async def test_carried_over_items_hang_under_their_text(make_app) -> None:
    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        item = CarryOver(kind="question", text=WORDS, source="2026-11-10 session", session_id="x")
        screen._show_carried([item])
        carried = screen.query_one("#p-carried")
        carried.styles.max_height = 12
        await pilot.pause()
        _assert_hangs(_lines(app, carried))


async def test_rule_reasons_hang_under_their_text(make_app) -> None:
    app = make_app("outreach")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#o-body", TextArea).text = "Could you be my mentor?"
        await pilot.pause(0.4)
        panel = screen.query_one("#o-lint")
        lines = _lines(app, panel)
        assert any(line.startswith("✗ ") for line in lines)
        # a reason line is indented by two under its rule; a reason that wraps
        # continues at the same indent (never back at the left edge)
        in_reason = False
        wrapped = 0
        for line in lines:
            if line.startswith(("✗", "✓", "n/a")) or not line.strip():
                in_reason = False
                continue
            if line.startswith("  ") and not in_reason:
                in_reason = True
                continue
            if in_reason:
                wrapped += 1
                assert line.startswith("  "), line
        assert wrapped, "no reason wrapped at this width"


async def test_list_items_hang_under_their_text(make_app) -> None:
    from prepcoach.tui.widgets.editable_list import EditableList

    app = make_app("prep")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        wins = app.screen.query_one("#p-wins", EditableList)
        wins.set_items([WORDS])
        await pilot.pause()
        _assert_hangs(_lines(app, wins.option_list))
