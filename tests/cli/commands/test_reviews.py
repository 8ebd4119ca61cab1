"""`prepcoach reviews list|show|export` on reviews kept with `review --save`."""

from __future__ import annotations

import json

from cli.helpers import TODAY


def test_reviews_list_show_export(cmd, sample_dir, tmp_path):
    code, out, _ = cmd("reviews", "list", "--format", "json")
    assert code == 0 and json.loads(out) == []
    code, out, _ = cmd("reviews", "list")
    assert code == 0 and "No reviews saved yet" in out
    code, _, _ = cmd("review", "--offline", "--save", *TODAY)
    assert code in (0, 1)
    code, out, _ = cmd("reviews", "list", "--format", "json", *TODAY)
    rows = json.loads(out)
    assert code == 0 and len(rows) >= 2 and all(r["days_ago"] == 0 for r in rows)
    first = rows[0]["id"]
    code, out, _ = cmd("reviews", "list")
    assert out.startswith(f"# Reviews ({len(rows)})") and first in out
    code, out, _ = cmd("reviews", "show", first, "--format", "json")
    assert code == 0 and json.loads(out)["id"] == first
    code, out, _ = cmd("reviews", "show", first)
    assert code == 0 and out.startswith("# Review: ")
    target = tmp_path / "review.md"
    code, _, err = cmd("reviews", "export", first, "-o", str(target))
    assert code == 0 and target.read_text().startswith("# Review: ") and "wrote" in err
    code, _, err = cmd("reviews", "export", first, "-o", str(target))
    assert code == 2 and "--force" in err
    code, _, _ = cmd("reviews", "export", first, "-o", str(target), "--force", "--format", "json")
    assert code == 0 and json.loads(target.read_text())["id"] == first


def test_reviews_bad_input(cmd, sample_dir):
    code, out, err = cmd("reviews", "show", "nope")
    assert code == 2 and out == "" and "none saved yet" in err
    cmd("review", "--offline", "--save", *TODAY)
    code, out, err = cmd("reviews", "show", "2026")
    assert code == 2 and "matches several reviews" in err
    code, out, err = cmd("reviews", "list", "--mentor", "nobody")
    assert code == 2 and 'no mentor "nobody"' in err
