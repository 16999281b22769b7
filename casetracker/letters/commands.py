"""``flask letters`` commands: list the kinds of letter and their merge fields."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click
from flask.cli import AppGroup

from casetracker.letters.constants import LetterKind
from casetracker.letters.fields import FIELDS_BY_KIND, is_required
from casetracker.letters.render import render_letter

__all__ = ["kinds_listing", "letters_cli", "render_to_file"]

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
