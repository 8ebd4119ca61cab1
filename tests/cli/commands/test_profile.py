"""`prepcoach profile show|set`."""

from __future__ import annotations

import json

from prepcoach.store import Store


def test_profile_set_and_show(cmd, tmp_path):
    data = tmp_path / "fresh"
    code, out, _ = cmd("profile", "show", "--format", "json", data=data)
    assert code == 0 and json.loads(out)["name"] == "" and not data.exists()
    code, out, _ = cmd(
        "profile", "set", "--name", "Dana <b>Reyes</b>", "--title", "Director", data=data
    )
    assert code == 0 and "Profile saved" in out and "Dana <b>Reyes</b>" in out
    code, out, _ = cmd("profile", "set", "--org", "Lumen", "--format", "json", data=data)
    assert json.loads(out) == {
        "name": "Dana <b>Reyes</b>", "title": "Director", "organisation": "Lumen",
        "manager": "", "email": "",
    }  # fmt: skip
    assert Store(data).load_plan().profile.organisation == "Lumen"
    code, out, _ = cmd("profile", "set", "--title", "", data=data)
    assert Store(data).load_plan().profile.title == ""
    code, out, _ = cmd("profile", "show", data=data)
    assert code == 0 and "**Title:** - (--title)" in out


def test_profile_bad_input(cmd, tmp_path):
    code, out, err = cmd("profile", "set", data=tmp_path / "d")
    assert code == 2 and out == "" and "nothing to set" in err and "--name" in err
    code, _, err = cmd("profile", "set", "--nickname", "x", data=tmp_path / "d")
    assert code == 2 and "Traceback" not in err
