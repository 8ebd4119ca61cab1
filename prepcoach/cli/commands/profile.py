"""`prepcoach profile show|set`: who you are (name, title, organisation, manager, email).

First requests introduce you with it and are signed with your name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prepcoach.cli.common import add_format_flag
from prepcoach.cli.output import print_json, print_text
from prepcoach.cli.run import Context, action_parser, command_group
from prepcoach.render import profile_markdown

if TYPE_CHECKING:
    import argparse

    from prepcoach.models import Profile

HELP = "show or set your profile (name, title, organisation, manager, email)"
DESCRIPTION = (
    "Your profile: first requests introduce you with your title and organisation and are "
    "signed with your name. Every field is optional."
)
SET_HELP = "set profile fields ('' clears one)"
SET_DESCRIPTION = (
    "Set the given profile fields; the others stay as they are. An empty value ('') "
    "clears a field. Creates the data directory if it does not exist yet."
)


def _fields(source: Profile | argparse.Namespace) -> dict[str, str | None]:
    """The profile fields of ``source`` (a profile, or the parsed options of `set`)."""
    from prepcoach.models import PROFILE_FIELDS

    return {k: getattr(source, k) for k in PROFILE_FIELDS}


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    profile = ctx.services.profile()
    if args.format == "json":
        print_json(_fields(profile))
        return 0
    print_text(profile_markdown(profile))
    return 0


def cmd_set(args: argparse.Namespace, ctx: Context) -> int:
    given = {k: v for k, v in _fields(args).items() if v is not None}
    if not given:
        from prepcoach.errors import UsageError

        raise UsageError(
            "nothing to set.",
            hint="Pass one or more of --name, --title, --organisation, --manager, --email, e.g. "
            '`prepcoach profile set --name "Dana Reyes"`.',
        )
    profile = ctx.services.set_profile(**given)
    if args.format == "json":
        print_json(_fields(profile))
        return 0
    print_text("Profile saved.\n\n" + profile_markdown(profile))
    return 0


def register(sub: Any) -> None:
    psub = command_group(sub, "profile", HELP, DESCRIPTION)
    p = action_parser(psub, "show", cmd_show, "show your profile", creates=True)
    add_format_flag(p)
    p = action_parser(psub, "set", cmd_set, SET_HELP, SET_DESCRIPTION, creates=True)
    p.add_argument("--name", metavar="TEXT", help='your name, e.g. "Dana Reyes"')
    p.add_argument("--title", metavar="TEXT", help='your title, e.g. "Director of Platform"')
    p.add_argument("--organisation", "--org", metavar="TEXT", help="your organisation")
    p.add_argument("--manager", metavar="TEXT", help="your manager's name (kept private)")
    p.add_argument("--email", metavar="TEXT", help="your email address")
    add_format_flag(p)
