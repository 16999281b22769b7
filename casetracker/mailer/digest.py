"""Write the daily digest's text from plain values; pure, no Flask or database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from casetracker.timeutil import short_date, uk_long_date


@dataclass(frozen=True)
class DigestLine:
    """One request in a section: its reference, title, what is due and when, and a link."""

    reference: str
    title: str
    label: str
    due_on: date
    url: str
    #: Extra words, e.g. "moved from Mon 20 Jun 2022 (Proclaimed day)".
    note: str = ""


@dataclass
class Digest:
    """A user's digest for one day: the sections in the order they are read."""

    today: date
    due_soon: list[DigestLine] = field(default_factory=list)
    overdue: list[DigestLine] = field(default_factory=list)
    review_overdue: list[DigestLine] = field(default_factory=list)
    windows_closing: list[DigestLine] = field(default_factory=list)
    moved: list[DigestLine] = field(default_factory=list)

    SECTIONS = (
        ("overdue", "Responses overdue (FOIA s10(1): 20 working days)"),
        ("due_soon", "Responses due within 5 working days"),
        ("review_overdue", "Internal reviews overdue (s45 Code: 20 working days, 40 at most)"),
        ("windows_closing", "ICO complaint and appeal windows closing within 5 working days"),
        ("moved", "Dates moved by a non-working day"),
    )

    @property
    def references(self) -> list[str]:
        """Return every request named, in order, once each."""
        return list(dict.fromkeys(line.reference for name, _h in self.SECTIONS for line in getattr(self, name)))

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name, _h in self.SECTIONS)


def digest_subject(digest: Digest) -> str:
    """Return e.g. "casetracker: 2 overdue, 1 due soon (20 June 2022)"."""
    parts = [f"{len(digest.overdue)} overdue" if digest.overdue else "",
             f"{len(digest.due_soon)} due soon" if digest.due_soon else "",
             f"{len(digest.review_overdue)} reviews overdue" if digest.review_overdue else "",
             f"{len(digest.windows_closing)} windows closing" if digest.windows_closing else "",
             f"{len(digest.moved)} dates moved" if digest.moved else ""]
    return f"casetracker: {', '.join(p for p in parts if p)} ({uk_long_date(digest.today)})"


def digest_text(digest: Digest, *, name: str, settings_url: str) -> str:
    """Return the plain-text body of the digest."""
    lines = [f"Hello {name},", "", f"Your requests on {uk_long_date(digest.today)}:"]
    for attribute, heading in Digest.SECTIONS:
        entries = getattr(digest, attribute)
        if not entries:
            continue
        lines += ["", heading, "-" * len(heading)]
        for entry in entries:
            note = f" — {entry.note}" if entry.note else ""
            lines.append(f"* {entry.reference} {entry.title}: {entry.label} {short_date(entry.due_on)}{note}")
            lines.append(f"  {entry.url}")
    lines += ["", f"You asked for this daily email. To stop it: {settings_url}"]
    return "\n".join(lines) + "\n"
