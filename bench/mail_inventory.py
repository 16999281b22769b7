"""Inventory every email file under ../shared/data, then time mailbox streaming against a baseline.

Run: .venv/bin/python bench/mail_inventory.py [--mbox-messages N]

Prints a Markdown table: for each email file (found by content, or named
.eml/.msg/.mbox), its format, message and attachment counts, or why it failed.
Then reads a generated mbox of N messages with ``iter_messages`` next to the
standard library's ``mailbox.mbox`` + ``email`` parser, in the same run:
messages per second and peak Python memory.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import mailbox
import sys
import tempfile
import time
import tracemalloc
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from casetracker.mail.parsing import MailParseError, iter_messages, sniff_mail_format  # noqa: E402

SHARED_DATA = ROOT / ".." / "shared" / "data"
MAIL_SUFFIXES = {".eml", ".msg", ".mbox"}


def inventory(root: Path) -> list[str]:
    """Return the Markdown table rows for every email file under ``root``."""
    rows = [
        "| file | format | messages | attachments | no date | notes |",
        "|---|---|---:|---:|---:|---|",
    ]
    files = sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and (path.suffix.lower() in MAIL_SUFFIXES or sniff_mail_format(path))
    )
    totals = [0, 0, 0]
    for path in files:
        name = path.relative_to(root).as_posix()
        kind = sniff_mail_format(path) or "-"
        try:
            messages = list(iter_messages(path))
        except MailParseError as error:
            rows.append(f"| {name} | {kind} | - | - | - | FAILED: {error} |")
            continue
        attachments = sum(len(m.attachments) for m in messages)
        undated = sum(m.date is None for m in messages)
        notes = "; ".join(dict.fromkeys(p for m in messages for p in m.problems)) or ""
        totals = [totals[0] + len(messages), totals[1] + attachments, totals[2] + undated]
        rows.append(f"| {name} | {kind} | {len(messages)} | {attachments} | {undated} | {notes.replace('|', '/')} |")
    rows.append(f"| **{len(files)} files** | | **{totals[0]}** | **{totals[1]}** | **{totals[2]}** | |")
    return rows


def write_mbox(path: Path, count: int) -> int:
    """Write an mbox of ``count`` messages (every tenth with a 200 KB attachment); return its size."""
    with path.open("wb") as out:
        for number in range(count):
            message = EmailMessage()
            message["From"] = "FOI Officer <foi@council.gov.uk>"
            message["To"] = "requester@example.org"
            message["Subject"] = f"RE: FOI-2022-{number:05d} library staffing"
            message["Date"] = "Fri, 14 Jan 2022 10:00:00 +0000"
            message["Message-ID"] = f"<m{number}@council.gov.uk>"
            message.set_content("Dear requester,\n\nPlease find attached our response.\n" * 20)
            if number % 10 == 0:
                message.add_attachment(bytes(200_000), maintype="application", subtype="pdf", filename="response.pdf")
            out.write(b"From foi@council.gov.uk Fri Jan 14 10:00:00 2022\n" + message.as_bytes() + b"\n")
    return path.stat().st_size


def ours(path: Path) -> int:
    """Read the mailbox with iter_messages; return the message count."""
    return sum(1 for _ in iter_messages(path))


def baseline(path: Path) -> int:
    """Read the mailbox with mailbox.mbox and the standard parser only (no decoding of bodies)."""
    box = mailbox.mbox(path, factory=lambda f: email.message_from_binary_file(f, policy=email.policy.default), create=False)
    try:
        return sum(1 for _ in box)
    finally:
        box.close()


def measure(label: str, read, path: Path) -> str:
    """Return one Markdown row: messages per second, then peak traced memory, for a reader."""
    start = time.perf_counter()
    count = read(path)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    read(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return f"| {label} | {count} | {seconds:.2f} | {count / seconds:,.0f} | {peak / 1e6:.1f} |"


def main() -> None:
    """Print the inventory table and the streaming figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mbox-messages", type=int, default=5000)
    args = parser.parse_args()
    if SHARED_DATA.is_dir():
        print("\n".join(inventory(SHARED_DATA.resolve())))
    else:
        print(f"{SHARED_DATA} is missing; no inventory.")
    if args.mbox_messages <= 0:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.mbox"
        size = write_mbox(path, args.mbox_messages)
        print(f"\nGenerated mbox: {args.mbox_messages} messages, {size / 1e6:.1f} MB\n")
        print("| reader | messages | seconds | messages/s | peak MB |")
        print("|---|---:|---:|---:|---:|")
        print(measure("iter_messages (stream, full decode)", ours, path))
        print(measure("baseline: mailbox.mbox + email parser", baseline, path))


if __name__ == "__main__":
    main()
