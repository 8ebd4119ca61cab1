"""Prompt templates: Jinja2, sandboxed, strict, user folder shadowing the packaged set.

Lookup order for a name such as ``agenda.user.j2``:
  1. ``default/agenda.user.j2`` always means the packaged template (so a user template can
     ``{% extends "default/agenda.user.j2" %}`` and override one block);
  2. the user's prompt folder (``<config dir>/prompts/``, ``Settings.prompts_dir``);
  3. the packaged ``prompts/`` folder (inside the installed package, or the repository's
     top-level ``prompts/`` in an editable install).

Templates render in a ``SandboxedEnvironment`` with ``StrictUndefined``. User text only ever
enters as variables, never as template source, so a question containing ``{{ ... }}`` is just
text. Output is plain text (no autoescape) and is never parsed as a template again. Any broken
template (syntax error, undefined variable, unsafe access) raises ``TemplateError`` naming the
file and line.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from prepcoach.errors import UsageError
from prepcoach.text import plural

SUFFIX = ".j2"


class TemplateError(UsageError):
    """A prompt template could not be loaded or rendered (exit 2)."""


@cache
def packaged_prompts_dir() -> Path:
    """The packaged prompts: ``prepcoach/prompts`` in a wheel, ``<repo>/prompts`` editable."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "prompts", here.parent / "prompts"):
        if (candidate / "agenda.system.j2").is_file():
            return candidate
    try:
        from importlib.resources import files

        res = files("prepcoach") / "prompts"
        if res.is_dir():
            return Path(str(res))
    except (ModuleNotFoundError, TypeError):
        pass
    return here / "prompts"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    origin: str  # "packaged", "user (overrides packaged)", "user"
    path: Path


@dataclass(frozen=True)
class TemplateHealth:
    """What ``prepcoach doctor`` says about the template set."""

    ok: bool
    count: int
    message: str
    hint: str = ""


JOB_PARTS = ("system", "user")
# The templates every job renders; an install without them cannot generate anything.
REQUIRED = (
    *(f"{job}.{part}{SUFFIX}" for job in ("agenda", "outreach", "review") for part in JOB_PARTS),
    f"outreach.repair{SUFFIX}",
    f"review.repair{SUFFIX}",
)


class Prompts:
    """The template set for one user prompt folder."""

    def __init__(self, user_dir: Path | None = None, packaged_dir: Path | None = None) -> None:
        self.user_dir = user_dir
        self.packaged_dir = packaged_dir or packaged_prompts_dir()
        self._env: Any = None

    @property
    def env(self) -> Any:
        if self._env is None:
            from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
            from jinja2.sandbox import SandboxedEnvironment

            packaged = FileSystemLoader(str(self.packaged_dir))
            loaders: list[Any] = [PrefixLoader({"default": packaged}, delimiter="/")]
            if self.user_dir is not None:
                loaders.append(FileSystemLoader(str(self.user_dir)))
            loaders.append(packaged)
            self._env = SandboxedEnvironment(
                loader=ChoiceLoader(loaders),
                undefined=StrictUndefined,
                autoescape=False,
                trim_blocks=True,
                lstrip_blocks=True,
                keep_trailing_newline=False,
            )
        return self._env

    # ----------------------------------------------------------------- listing

    def _names(self, folder: Path | None) -> set[str]:
        """Template names under ``folder``, skipping hidden files and folders INSIDE it.

        Only the path relative to the prompt folder is checked: the folder itself may well
        sit under a dot-folder (``.venv/``, ``~/.local/`` for pipx and uv, ``~/.config/``).
        """
        if folder is None or not folder.is_dir():
            return set()
        names = set()
        for path in folder.rglob(f"*{SUFFIX}"):
            rel = path.relative_to(folder)
            if path.is_file() and not any(part.startswith(".") for part in rel.parts):
                names.add(rel.as_posix())
        return names

    def list_templates(self) -> list[TemplateInfo]:
        packaged = self._names(self.packaged_dir)
        user = self._names(self.user_dir)
        out = []
        for name in sorted(packaged | user):
            if name in user:
                assert self.user_dir is not None
                origin = "user (overrides packaged)" if name in packaged else "user"
                out.append(TemplateInfo(name, origin, self.user_dir / name))
            else:
                out.append(TemplateInfo(name, "packaged", self.packaged_dir / name))
        return out

    def health(self) -> TemplateHealth:
        """Whether the packaged set is complete: every job's templates found and listed."""
        packaged = self._names(self.packaged_dir)
        missing = [n for n in REQUIRED if n not in packaged]
        count = len(packaged | self._names(self.user_dir))
        if not missing:
            return TemplateHealth(True, count, f"{plural(count, 'template')} found")
        if not packaged:
            problem = f"0 templates found in {self.packaged_dir}"
        else:
            problem = f"packaged templates missing from {self.packaged_dir}: {', '.join(missing)}"
        return TemplateHealth(
            False, count, problem, "Reinstall prepcoach (`pip install --force-reinstall .`)."
        )

    def resolve(self, name: str) -> TemplateInfo:
        """Which file ``name`` loads from (``NAME`` may omit the ``.j2`` suffix)."""
        if not name.endswith(SUFFIX):
            name += SUFFIX
        if name.startswith("default/"):
            path = self.packaged_dir / name.removeprefix("default/")
            if path.is_file():
                return TemplateInfo(name, "packaged", path)
        else:
            for info in self.list_templates():
                if info.name == name:
                    return info
        known = ", ".join(i.name for i in self.list_templates())
        raise TemplateError(f'no prompt template "{name}".', hint=f"Known templates: {known}.")

    def find(self, name: str) -> list[TemplateInfo]:
        """The templates a short or full name means (``prepcoach prompts show``), in order:

        - a full name, with or without ``.j2`` (``default/NAME``: the packaged one): it;
        - a job (``agenda``, ``outreach``, ``review``): the messages it sends, its
          ``JOB.system.j2`` and ``JOB.user.j2``;
        - otherwise every template whose name starts with ``name`` or holds it as a whole
          dotted or dashed part (``repair``, ``wind-down``, ``agenda.u``): one is it;
          several raise ``TemplateError`` listing them; none suggests close names.
        """
        q = name.strip()
        packaged_only = q.startswith("default/")
        stem = q.removeprefix("default/").removesuffix(SUFFIX)
        if packaged_only:
            infos = [
                TemplateInfo(f"default/{n}", "packaged", self.packaged_dir / n)
                for n in sorted(self._names(self.packaged_dir))
            ]
        else:
            infos = self.list_templates()

        def bare(i: TemplateInfo) -> str:
            return i.name.removeprefix("default/").removesuffix(SUFFIX)

        exact = [i for i in infos if bare(i) == stem]
        if exact:
            return exact
        job = [i for i in infos if bare(i) in (f"{stem}.system", f"{stem}.user")]
        if len(job) == 2:
            return sorted(job, key=lambda i: not bare(i).endswith(".system"))

        def dotted(text: str) -> str:
            return "." + text.replace("-", ".") + "."

        found = [
            i
            for i in infos
            if stem and (bare(i).startswith(stem) or dotted(stem) in dotted(bare(i)))
        ]
        if len(found) == 1:
            return found
        if found:
            listed = ", ".join(i.name for i in found)
            raise TemplateError(
                f'"{name}" matches several prompt templates: {listed}.',
                hint="Name one of them, e.g. `prepcoach prompts show "
                f"{found[0].name.removesuffix(SUFFIX)}`.",
            )
        from prepcoach.lookup import suggest

        names = [i.name.removesuffix(SUFFIX) for i in infos]
        jobs = sorted({n.rsplit(".", 1)[0] for n in names if n.endswith((".system", ".user"))})
        hint = suggest(q.removesuffix(SUFFIX), jobs + names)
        known = ", ".join(jobs + names)
        raise TemplateError(
            f'no prompt template "{name}".',
            hint=(hint + " " if hint else "") + f"Known: {known}.",
        )

    def source(self, name: str) -> tuple[str, TemplateInfo]:
        info = self.resolve(name)
        try:
            return info.path.read_text("utf-8"), info
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"cannot read prompt template {info.path}: {exc}.") from None

    # --------------------------------------------------------------- rendering

    def render(self, name: str, context: dict[str, Any]) -> str:
        from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
        from jinja2.exceptions import SecurityError
        from jinja2.exceptions import TemplateError as JinjaError

        try:
            template = self.env.get_template(name)
            return str(template.render(**context)).strip() + "\n"
        except TemplateSyntaxError as exc:
            where = _where(exc.filename or exc.name or name, exc.lineno)
            raise TemplateError(
                f"prompt template {where} has a syntax error: {exc.message}.",
                hint=_fix_hint(exc.filename, self),
            ) from None
        except TemplateNotFound as exc:
            raise TemplateError(
                f'prompt template "{exc.name}" not found (needed to render {name}).',
                hint="Run `prepcoach prompts list` to see the templates.",
            ) from None
        except UndefinedError as exc:
            filename, line = _template_frame(exc, name)
            known = ", ".join(sorted(context))
            raise TemplateError(
                f"prompt template {_where(filename, line)} uses an unknown variable: {exc}.",
                hint=f"Variables available: {known}. " + _fix_hint(filename, self),
            ) from None
        except SecurityError as exc:
            filename, line = _template_frame(exc, name)
            raise TemplateError(
                f"prompt template {_where(filename, line)} tried something the sandbox "
                f"forbids: {exc}.",
                hint=_fix_hint(filename, self),
            ) from None
        except (JinjaError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
            filename, line = _template_frame(exc, name)
            raise TemplateError(
                f"prompt template {_where(filename, line)} failed: {type(exc).__name__}: {exc}.",
                hint=_fix_hint(filename, self),
            ) from None

    def messages(self, job: str, context: dict[str, Any]) -> list[dict[str, str]]:
        """The chat messages for a job: the stable system part first, then the user part."""
        return [
            {"role": "system", "content": self.render(f"{job}.system{SUFFIX}", context)},
            {"role": "user", "content": self.render(f"{job}.user{SUFFIX}", context)},
        ]


def _where(filename: str | None, line: int | None) -> str:
    f = filename or "?"
    return f"{f}, line {line}" if line else f


def _template_frame(exc: BaseException, fallback: str) -> tuple[str, int | None]:
    """The innermost template file and line in a render traceback (Jinja rewrites frames)."""
    found: tuple[str, int | None] = (fallback, None)
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(SUFFIX) or frame.filename == "<template>":
            found = (frame.filename, frame.lineno)
    return found


def _fix_hint(filename: str | None, prompts: Prompts) -> str:
    if filename and prompts.user_dir is not None:
        try:
            Path(filename).resolve().relative_to(prompts.user_dir.resolve())
        except (ValueError, OSError):
            pass
        else:
            return (
                "Fix or remove your template (the packaged one is used when yours is absent); "
                "`prepcoach prompts show NAME` shows the packaged version as default/NAME."
            )
    return "This is a packaged template: please report it."


def for_settings(settings: Any) -> Prompts:
    return Prompts(Path(settings.prompts_dir))
