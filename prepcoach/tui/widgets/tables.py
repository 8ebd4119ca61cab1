"""DataTable helpers: columns that fit the terminal width (one flexible column)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.widgets import DataTable


def fit_columns(table: DataTable[Any], columns: list[tuple[str, str, int | None]]) -> None:
    """Replace ``table``'s columns with ``(label, key, width)``; ``None`` widths share the
    room left over (at least 10 cells each)."""
    width = table.size.width or table.app.size.width - 2  # without the border
    padding = 2 * table.cell_padding * len(columns)
    fixed = sum(w for _, _, w in columns if w is not None)
    flex = [c for c in columns if c[2] is None]
    room = max(width - padding - fixed - 2, 10 * len(flex))  # 1 for a scrollbar
    share = room // len(flex) if flex else 0
    wanted = [(label, key, w if w is not None else max(share, 10)) for label, key, w in columns]
    have = [(str(c.label), c.key.value, c.width) for c in table.columns.values()]
    if have == wanted:
        # the same columns: keep them (and the header's place in the layout), new rows only
        table.clear()
        return
    table.clear(columns=True)
    for label, key, w in wanted:
        table.add_column(label, key=key, width=w)


def flex_width(table: DataTable[Any], key: str) -> int:
    for column in table.columns.values():
        if column.key.value == key:
            return column.width
    return 20
