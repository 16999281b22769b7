"""A letter as plain blocks of text, and the frame every built-in letter shares.

Builders return a ``Letter``; ``casetracker.letters.docxwriter`` turns it into
Word. Keeping the words apart from python-docx lets the same letter fill a
team's letterhead (``letter_body``) and keeps builders easy to read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casetracker.letters.constants import LetterKind
from casetracker.letters.fields import lookup
from casetracker.letters.formatting import value_text

__all__ = [
    "Block", "Heading", "Items", "Letter", "Para", "Table", "compose", "lines", "paras", "quoted",
    "text",
]


@dataclass(frozen=True)
class Para:
    """A paragraph; ``label`` is printed in bold before the text."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class Heading:
    """A bold line that starts a section of the letter."""

    text: str


@dataclass(frozen=True)
class Items:
    """A list, numbered ("1.") or bulleted ("•"), one paragraph per item."""

    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    """A bordered table whose first row is a repeated bold header."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Para | Heading | Items | Table


@dataclass(frozen=True)
class Letter:
    """Everything a built-in letter prints, top to bottom."""

    sender: tuple[str, ...]
    date: str
    recipient: tuple[str, ...]
    references: tuple[str, ...]
    salutation: str
    subject: str
    body: tuple[Block, ...]
    closing: str
    signature: tuple[str, ...]
    enclosures: tuple[str, ...] = field(default=())


def text(ctx: dict, name: str) -> str:
    """Return the field ``name`` of ``ctx`` as letter text ("" when empty)."""
    return value_text(lookup(ctx, name)).strip()


def lines(value: object) -> tuple[str, ...]:
    """Return an address or list field as its non-empty lines."""
    if isinstance(value, (list, tuple)):
        return tuple(value_text(v).strip() for v in value if value_text(v).strip())
    return tuple(line.strip() for line in value_text(value).splitlines() if line.strip())


def quoted(ctx: dict, lead: str) -> tuple[Para, ...]:
    """Return ``lead`` followed by the request's wording, or nothing when there is none."""
    wording = paras(lookup(ctx, "request.text"))
    return (Para(lead), *wording) if wording else ()


def paras(value: object) -> tuple[Para, ...]:
    """Return free text as paragraphs, split on blank lines."""
    chunks = value_text(value).replace("\r\n", "\n").split("\n\n")
    return tuple(Para(" ".join(c.split())) for c in chunks if c.strip())


def _party(ctx: dict, who: str) -> tuple[str, ...]:
    contact = lines(lookup(ctx, f"{who}.address"))
    email = text(ctx, f"{who}.email")
    return (text(ctx, f"{who}.name"), *contact, *((email,) if email else ()))


def compose(
    kind: LetterKind,
    ctx: dict,
    subject: str,
    body: tuple[Block, ...],
    *,
    recipient: tuple[str, ...] | None = None,
    salutation: str | None = None,
    references: tuple[str, ...] | None = None,
    enclosures: tuple[str, ...] = (),
) -> Letter:
    """Frame ``body`` as a letter between the requester and the authority.

    Authority letters go to the requester by name ("Yours sincerely"); the
    requester's letters go to an organisation ("Yours faithfully"), by default
    the authority. ``references`` replaces the "Our/Your reference" lines, for
    letters to a regulator or tribunal, whose references differ.
    """
    if references is None:
        ours, theirs = text(ctx, "request.our_reference"), text(ctx, "request.their_reference")
        references = tuple(
            f"{label}: {value}"
            for label, value in (("Our reference", ours), ("Your reference", theirs))
            if value
        )
    signer = text(ctx, "signatory.name") or text(ctx, "requester.name")
    role = text(ctx, "signatory.role")
    if kind.from_authority:
        sender, to = _party(ctx, "authority"), _party(ctx, "requester")
        greeting, closing = f"Dear {text(ctx, 'requester.name')},", "Yours sincerely,"
        signature = (signer, *((role,) if role else ()), text(ctx, "authority.name"))
    else:
        sender, to = _party(ctx, "requester"), _party(ctx, "authority")
        greeting, closing = f"Dear {text(ctx, 'authority.name')},", "Yours faithfully,"
        signature = (signer, *((role,) if role else ()))
    return Letter(
        sender=sender,
        date=text(ctx, "today"),
        recipient=recipient if recipient is not None else to,
        references=references,
        salutation=salutation or greeting,
        subject=subject,
        body=body,
        closing=closing,
        signature=signature,
        enclosures=enclosures + lines(ctx.get("enclosures")),
    )
