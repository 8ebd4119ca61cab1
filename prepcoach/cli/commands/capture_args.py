"""The options of `prepcoach sessions capture`, where some options belong to the one
before them: ``--owner`` and ``--due`` to the last ``--action``, ``--answer`` to the last
``--resolve``. Parsed into a ``services.Capture``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from prepcoach.text import iso_date

if TYPE_CHECKING:
    from prepcoach.services import Capture


class _Start(argparse.Action):
    """``--action TEXT`` / ``--resolve QUESTION``: a new entry in the list."""

    def __call__(self, parser: Any, ns: Any, value: Any, option: str | None = None) -> None:
        items = list(getattr(ns, self.dest, None) or [])
        items.append({"text": value})
        setattr(ns, self.dest, items)


class _Detail(argparse.Action):
    """``--owner``/``--due`` (after --action) or ``--answer`` (after --resolve)."""

    def __init__(self, *args: Any, belongs: str, key: str, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.belongs, self.key = belongs, key

    def __call__(self, parser: Any, ns: Any, value: Any, option: str | None = None) -> None:
        items = getattr(ns, self.belongs, None) or []
        owner = "--" + self.belongs
        if not items:
            parser.error(f"{option} comes after the {owner} it belongs to")
        if self.key in items[-1]:
            parser.error(f"{option} given twice for one {owner}; repeat {owner} first")
        items[-1][self.key] = value


def _progress(value: str) -> tuple[str, str]:
    objective, eq, text = value.partition("=")
    if not eq or not objective.strip() or not text.strip():
        raise argparse.ArgumentTypeError(
            f"{value!r} is not OBJECTIVE=TEXT (e.g. budget=Handed the forecast to finance)"
        )
    return objective.strip(), text


def add_capture_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--note", metavar="TEXT", default="", help="notes from the meeting")
    p.add_argument(
        "--action", dest="actions", action=_Start, metavar="TEXT", help="a new action item"
    )
    p.add_argument(
        "--owner",
        action=_Detail,
        belongs="actions",
        key="owner",
        choices=("me", "mentor"),
        help="who owns the --action before it (default me)",
    )
    p.add_argument(
        "--due",
        action=_Detail,
        belongs="actions",
        key="due",
        type=iso_date,
        metavar="DATE",
        help="when the --action before it is due",
    )
    p.add_argument(
        "--resolve",
        dest="resolves",
        action=_Start,
        metavar="QUESTION",
        help="a question answered at the meeting (number or piece of its text)",
    )
    p.add_argument(
        "--answer",
        action=_Detail,
        belongs="resolves",
        key="answer",
        metavar="TEXT",
        help="the answer to the --resolve before it",
    )
    p.add_argument(
        "--done",
        action="append",
        default=None,
        metavar="ACTION",
        help="an action item done (number or piece of its text)",
    )
    p.add_argument(
        "--progress",
        action="append",
        type=_progress,
        default=None,
        metavar="OBJECTIVE=TEXT",
        help="what moved on an objective (id, title or number)",
    )


def capture_from(args: argparse.Namespace) -> Capture:
    from prepcoach.errors import UsageError
    from prepcoach.services import Capture, NewAction

    actions = [NewAction(a["text"], a.get("owner", "me"), a.get("due")) for a in args.actions or []]
    resolves = [(r["text"], r.get("answer", "")) for r in args.resolves or []]
    done: Sequence[str] = args.done or []
    progress: Sequence[tuple[str, str]] = args.progress or []
    cap = Capture(note=args.note, actions=actions, resolve=resolves, done=done, progress=progress)
    if not (cap.note.strip() or actions or resolves or done or progress):
        raise UsageError(
            "nothing to capture.",
            hint="Pass --note TEXT, --action TEXT, --resolve QUESTION, --done ACTION or "
            '--progress OBJECTIVE=TEXT, e.g. --note "Agreed to split the budget".',
        )
    return cap
