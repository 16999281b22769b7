"""Find personal data in text: email addresses, UK phone numbers, National Insurance numbers, postcodes, a name.

Pure. Personal data is "any information relating to an identified or
identifiable natural person" (UK GDPR Art 4(1)); releasing a third party's is
what FOIA s40(2) exists to prevent, and a requester's own details never belong in a
published response (Art 5(1)(c), data minimisation). The patterns are the
formats HMRC and Ofcom publish: NI numbers (HMRC NIM39110: two prefix letters,
not D, F, I, Q, U or V, second letter not O, prefixes BG, GB, NK, KN, TN, NT
and ZZ never issued; six digits; suffix A-D), UK numbers in the national
numbering plan (Ofcom: 0 then 9 or 10 digits, or +44 without the 0), and Royal
Mail postcodes (outward code, space, inward code).
"""

from __future__ import annotations

import re

from casetracker.release_check.findings import Finding, FindingKind

__all__ = ["personal_data_findings"]

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")
_PHONE = re.compile(r"(?<![\d+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)")
_NINO = re.compile(
    r"\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
_POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b")

_PATTERNS = (
    ("email address", _EMAIL),
    ("phone number", _PHONE),
    ("National Insurance number", _NINO),
    ("postcode", _POSTCODE),
)


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def personal_data_findings(pages: list[tuple[str, str]], *, names: tuple[str, ...] = ()) -> list[Finding]:
    """Return one finding per personal datum in each page of text, in page order.

    ``pages`` are (where, text) pairs, e.g. ("page 2", "..."); ``names`` the
    requester's own name (and any other the caller knows), matched as whole
    words, case-insensitively. A datum repeated on a page is reported once.
    """
    findings: list[Finding] = []
    name_patterns = [(name, re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, name.split())) + r"(?!\w)",
                                       re.IGNORECASE))
                     for name in names if name and len(name.strip()) >= 3]
    for where, text in pages:
        seen: set[tuple[str, str]] = set()
        for label, pattern in _PATTERNS:
            for match in pattern.finditer(text or ""):
                value = " ".join(match.group(0).split())
                if label == "phone number" and not 10 <= _digits(value) <= 12:
                    continue
                if (label, value.lower()) in seen:
                    continue
                seen.add((label, value.lower()))
                findings.append(Finding(FindingKind.PERSONAL_DATA, where, f"{label}: {value}"))
        for name, pattern in name_patterns:
            if pattern.search(text or "") and ("name", name.lower()) not in seen:
                seen.add(("name", name.lower()))
                findings.append(Finding(FindingKind.PERSONAL_DATA, where, f"the requester's name: {name}"))
    return findings
