"""``flask letters`` commands: list the kinds of letter and their fields; render one for a request."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click
from flask.cli import AppGroup

from casetracker.letters.constants import LetterKind
from casetracker.letters.errors import LetterError
from casetracker.letters.fields import FIELDS_BY_KIND, is_required
from casetracker.letters.render import render_letter

__all__ = ["LetterCommandError", "kinds_listing", "letters_cli", "render_to_file"]

letters_cli = AppGroup("letters", help="Letters: kinds, fields and rendering.")


def kinds_listing() -> list[dict]:
    """Return every kind with its fields.

    Shape: [{"kind", "title", "fields": [{"name", "description", "required"}]}].
    """
    return [
        {
            "kind": kind.value,
            "title": kind.label,
            "fields": [
                {"name": spec.name, "description": spec.description,
                 "required": is_required(spec, kind)}
                for spec in FIELDS_BY_KIND[kind]
            ],
        }
        for kind in LetterKind
    ]


@letters_cli.command("kinds")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def kinds_command(as_json: bool) -> None:
    """List each kind of letter and the merge fields it reads."""
    listing = kinds_listing()
    if as_json:
        click.echo(json.dumps(listing, indent=2, ensure_ascii=False))
        return
    for entry in listing:
        click.echo(f"{entry['kind']}  {entry['title']}")
        width = max(len(f["name"]) for f in entry["fields"])
        for field in entry["fields"]:
            mark = "required" if field["required"] else "optional"
            click.echo(f"  {field['name']:<{width}}  {mark}  {field['description']}")
        click.echo()


def render_to_file(
    kind: LetterKind | str,
    ctx: dict,
    out_path: str | os.PathLike,
    template_path: str | os.PathLike | None = None,
) -> Path:
    """Render the letter and write it to ``out_path``; return the path written.

    The file is written only once the letter has rendered, and replaced in one
    step, so a failed render leaves no half-written file. Raises what
    ``render_letter`` raises, and ``OSError`` for unreadable or unwritable paths.
    """
    template = Path(template_path).read_bytes() if template_path else None
    data = render_letter(kind, ctx, template=template)
    out = Path(out_path)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


class LetterCommandError(click.ClickException):
    """A one-line reason the letter was not written; exits with status 2 like a usage error."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


@letters_cli.command("render")
@click.argument("kind")
@click.argument("reference")
@click.option("--out", "out_path", required=True, metavar="FILE.docx", help="Where to write the letter.")
@click.option("--template", "template_path", default=None, metavar="FILE.docx",
              help="A team template (docxtpl tags) instead of the built-in layout.")
@click.option("--set", "settings", multiple=True, metavar="FIELD=VALUE",
              help="Set a field, e.g. --set requester.name='Jo Bloggs' --set today=2022-09-20 "
                   "--set 'grounds=[\"...\"]' (JSON for lists and records).")
def render_command(kind: str, reference: str, out_path: str, template_path: str | None,
                   settings: tuple[str, ...]) -> None:
    """Write the KIND letter about request REFERENCE (e.g. CT-2022-0001) to a .docx file.

    The fields come from the request, its correspondence, clocks and
    chronology; --set replaces any of them. Nothing is written if a field is
    missing or the template uses a field the kind does not have.
    """
    # Imported here so `letters kinds` works without loading the app's models.
    from casetracker.info_requests.services import find_by_reference
    from casetracker.letters.context import build_context, parse_override
    from casetracker.timeutil import uk_today

    try:
        letter_kind = LetterKind(kind)
    except ValueError:
        raise LetterCommandError(
            f"{kind!r} is not a kind of letter; `flask letters kinds` lists them.") from None
    info_request = find_by_reference(reference)
    if info_request is None:
        raise LetterCommandError(f"There is no request with the reference {reference!r}.")
    from casetracker.officer.teams import offers_letter

    if not offers_letter(info_request, letter_kind):
        side = "an FOI office" if info_request.team.is_authority else "a requester"
        raise LetterCommandError(f"{reference} belongs to {side}'s team, which does not write a "
                                 f"{letter_kind.label.lower()}.")
    if template_path and not Path(template_path).is_file():
        raise LetterCommandError(f"There is no template file {template_path}.")
    try:
        overrides = dict(parse_override(setting) for setting in settings)
        ctx = build_context(info_request, letter_kind, today=uk_today(), overrides=overrides)
        path = render_to_file(letter_kind, ctx, out_path, template_path)
    except LetterError as exc:
        raise LetterCommandError(str(exc)) from None
    except OSError as exc:
        raise LetterCommandError(f"Cannot write {out_path}: {exc.strerror or exc}.") from None
    click.echo(f"Wrote {path}")
