"""The prepcoach terminal UI (Textual). Build it with ``prepcoach.tui.app.create_app``."""
