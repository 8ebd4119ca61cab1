"""Listings read only ``<id>.json`` files: never temp files, dotfiles or other names.

A temp file of a save in progress (or of a killed one) may hold a whole, valid document;
listing it would show a session twice, and judging a half-written one would set it aside.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from prepcoach.models import OutreachDraft, ReviewRecord, Session
from prepcoach.store import INDEX_NAME, Store, dump_model


def _strays(directory: Path, whole: bytes) -> dict[Path, bytes]:
    """Files a listing must pass over: valid documents and half-written ones."""
    names = {
        f".{directory.name}-1.json.4242.abcdefgh.tmp": whole,  # a save in progress
        ".old-1.json.k2x8q0aa.tmp": b'{"schema_version": 1, "ki',  # a killed save
        ".hidden.json": whole,
        ".json": whole,
        "copy.json.tmp": whole,
        "copy.json.bak": whole,
        "notes.txt": b"not a data file",
        "README": b"",
    }
    out = {}
    for name, data in names.items():
        (directory / name).write_bytes(data)
        out[directory / name] = data
    (directory / "folder.json").mkdir()  # a directory, not a file
    return out


@pytest.mark.parametrize("index", [False, True])
def test_sessions_listing_skips_temp_files_and_dotfiles(tmp_path: Path, index: bool) -> None:
    store = Store(tmp_path / "d")
    if index:
        store.index_min_sessions = 1
    for i in range(3):
        store.save_session(Session(mentor="ana", date=dt.date(2026, 1, 1 + i), notes=f"n{i}"))
    whole = dump_model(Session(mentor="ghost", date=dt.date(2026, 2, 1)))
    strays = _strays(store.sessions_dir, whole)

    for _ in range(2):  # the second time from the listing cache, when there is one
        fresh = Store(store.root)
        if index:
            fresh.index_min_sessions = 1
        listed = fresh.list_sessions()
        assert [s.first_line for s in listed] == ["n0", "n1", "n2"]
        assert fresh.session_ids() == [s.id for s in listed]
        assert [s.notes for s in fresh.all_sessions()] == ["n0", "n1", "n2"]
        assert fresh.sessions_for("ghost") == []
        assert fresh.problems == []
    assert (store.sessions_dir / INDEX_NAME).exists() == index
    for path, data in strays.items():
        assert path.read_bytes() == data, path
    assert not (store.root / "corrupt").exists()


@pytest.mark.parametrize("kind", ["outreach", "reviews"])
def test_outreach_and_review_listings_skip_temp_files_and_dotfiles(
    tmp_path: Path, kind: str
) -> None:
    store = Store(tmp_path / "d")
    if kind == "outreach":
        for i in range(2):
            store.save_outreach(OutreachDraft(to=f"P{i}", created=dt.date(2026, 1, 1 + i)))
        whole = dump_model(OutreachDraft(to="Ghost"))
        directory = store.outreach_dir
    else:
        for i in range(2):
            store.save_review(
                ReviewRecord(mentor="ana", date=dt.date(2026, 1, 1 + i), recommendation="loosen")
            )
        whole = dump_model(
            ReviewRecord(mentor="ghost", date=dt.date(2026, 1, 1), recommendation="renew")
        )
        directory = store.reviews_dir
    strays = _strays(directory, whole)
    for _ in range(2):
        fresh = Store(store.root)
        got = fresh.list_outreach() if kind == "outreach" else fresh.list_reviews()
        assert len(got) == 2 and fresh.problems == []
        assert all(not item.id.startswith(".") and "tmp" not in item.id for item in got)
    for path, data in strays.items():
        assert path.read_bytes() == data, path
    assert not (store.root / "corrupt").exists()


def test_summary_first_line_is_clipped_at_a_word() -> None:
    from prepcoach.text import clip

    text = "Moved the carrier-data migration onto the roadmap " * 5
    out = clip(text, 120)
    assert len(out) <= 120 and out.endswith("…")
    assert text.startswith(out[:-1]) and text[len(out) - 1] in " ,;:.-"
    assert clip("short", 120) == "short"


def test_one_mentors_listing_builds_only_that_mentors_summaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prepcoach.store import SessionSummary

    store = Store(tmp_path / "d")
    store.index_min_sessions = 1
    for n in range(30):
        store.save_session(Session(mentor=f"m{n % 3}", date=dt.date(2026, 1, 1 + n)))
    everything = store.list_sessions()  # writes the cache
    built: list[str] = []
    real = SessionSummary.from_json.__func__  # type: ignore[attr-defined]

    def counting(cls: type[SessionSummary], d: dict[str, object]) -> SessionSummary:
        built.append(str(d["mentor"]))
        return real(cls, d)  # type: ignore[no-any-return]

    monkeypatch.setattr(SessionSummary, "from_json", classmethod(counting))
    mine = Store(store.root).list_sessions("m1")
    assert mine == [s for s in everything if s.mentor == "m1"] and len(mine) == 10
    assert built == ["m1"] * 10
    # the entries not asked for stay in the cache
    monkeypatch.undo()
    assert Store(store.root).list_sessions() == everything
