import datetime as dt
import os
import stat

from prepcoach.models import Mentor, Question, Session
from prepcoach.store import Store


def test_round_trip_and_modes(tmp_path):
    store = Store(tmp_path / "d")
    store.update_plan(lambda p: p.mentors.append(Mentor(id="ana", name="Ana Lima")))
    saved = store.save_session(
        Session(mentor="ana", date=dt.date(2026, 3, 1), questions=[Question(text="How?")])
    )
    assert saved.id == "2026-03-01-ana"
    again = Store(tmp_path / "d")
    assert again.load_plan().mentors[0].name == "Ana Lima"
    assert [s.id for s in again.list_sessions()] == ["2026-03-01-ana"]
    assert stat.S_IMODE(os.stat(tmp_path / "d").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(tmp_path / "d" / "plan.json").st_mode) == 0o600
