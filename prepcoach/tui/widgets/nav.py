"""The one-line screen switcher under the header: ``1 Dashboard  2 Prep ...  ? Help``."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class NavBar(Static):
    """Shows the screens and their keys; the current one is highlighted; clickable."""

    def __init__(self, current: str) -> None:
        # the content is there from the start, so the first frame already shows it
        super().__init__(self._content(current), id="nav")
        self.current = current

    @staticmethod
    def _content(current: str) -> Content:
        from prepcoach.tui.app import SCREENS

        parts: list[Content | tuple[str, str] | str] = []
        for name, (key, label, _) in SCREENS.items():
            style = (
                "$block-cursor-foreground on $block-cursor-background" if name == current else ""
            )
            item = Content.assemble((f" {key} ", "bold $accent"), (f"{label} ", style))
            parts.append(item.stylize(f"@click=app.goto('{name}')"))
        parts.append(
            Content.assemble((" ? ", "bold $accent"), ("Help", "")).stylize("@click=app.help")
        )
        return Content.assemble(*parts)
