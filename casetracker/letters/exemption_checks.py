"""What a refusal must say for each exemption it relies on, beyond the reason and the harm.

Pure: takes the catalogue entry and the record typed for it, adds messages to
``errors``. Also ``cost_limit``, the one place the s12 appropriate limit is set.
"""

from __future__ import annotations

import re
from decimal import Decimal

from casetracker.letters.constants import Regime
from casetracker.letters.catalogue.eisr import NCND_CODES as EISR_NCND_CODES
from casetracker.letters.exemptions import NOT_FOR_EMISSIONS, S31_PURPOSES, Exemption, get_exemption

__all__ = ["CENTRAL_GOVERNMENT", "check_needs", "check_ncnd", "cost_limit", "lawful_limits"]

#: Authority types (an ``authority.type`` value) whose FOIA appropriate limit is £600: those in
#: Sch 1 Part I of the Freedom of Information and Data Protection (Appropriate Limit and Fees)
#: Regulations 2004 (SI 2004/3244) reg 3(2) - government departments, the Houses, the devolved
#: legislatures and the armed forces.
#: ``central`` is an authority team's type (``auth.constants.AuthorityType``).
CENTRAL_GOVERNMENT = frozenset({"central", "central-government", "government-department", "parliament", "armed-forces"})


def cost_limit(regime: Regime | str, authority_type: str | None) -> Decimal | None:
    """Return the appropriate limit in pounds, or None when it depends on a type not given.

    FOIA: £600 for the authorities in SI 2004/3244 reg 3(2), £450 for the rest
    (reg 3(3)). FOISA: £600 for every Scottish authority (SSI 2004/467 reg 5).
    The EIR and the EISR have no cost limit (None).
    """
    regime = Regime(regime)
    if regime is Regime.FOISA:
        return Decimal(600)
    if regime is not Regime.FOIA:
        return None
    if not authority_type:
        return None
    return Decimal(600) if authority_type in CENTRAL_GOVERNMENT else Decimal(450)


def lawful_limits(regime: Regime | str) -> tuple[Decimal, ...]:
    """Return the limits a refusal may state when the authority's type is not known."""
    return (Decimal(600),) if Regime(regime) is Regime.FOISA else (Decimal(450), Decimal(600))


_NEED_MESSAGES = {
    "qualified_person_opinion": (
        "{code} applies only in the reasonable opinion of the qualified person: say who gave the "
        "opinion and when (FOIA s36(2), s36(5))."
    ),
    "legitimate_interests": (
        "Give the legitimate interests assessment for {code}: the legitimate interest in disclosure, "
        "whether disclosure is necessary to meet it, and why it is overridden by the data subjects' "
        "interests (UK GDPR Art 6(1)(f); FOIA s40(3A), EIR reg 13(2A), FOISA s38(2A), EISR reg 11(3A))."
    ),
    "purposes": (
        "{code} needs the purpose in s31(2) the function is exercised for, e.g. s31(2)(c) (FOIA s31(1)(g))."
    ),
}
_PURPOSE = re.compile(r"(?:s(?:ection)?\s*)?31\s*\(2\)\s*\(([a-j])\)", re.IGNORECASE)


def check_needs(where: str, record: dict, exemption: Exemption, errors: dict[str, str]) -> None:
    """Require the reasoning an exemption needs beyond its reason: s36 opinion, s40 interests, s31(2) purpose."""
    for need in exemption.needs:
        value = record.get(need)
        if value in (None, "", [], ()):
            errors[f"{where}.{need}"] = _NEED_MESSAGES[need].format(code=exemption.code)
        elif need == "purposes":
            given = value if isinstance(value, list) else re.split(r"[,;\n]+", str(value))
            bad = [p for p in given if p.strip() and not _PURPOSE.fullmatch(p.strip())]
            if bad:
                errors[f"{where}.purposes"] = (
                    f"{bad[0].strip()!r} is not a purpose in s31(2): write s31(2)(a) to s31(2)(j).")


def purposes_of(record: dict) -> list[tuple[str, str]]:
    """Return the s31(2) purposes a record cites, as (code, words) pairs in the order given."""
    value = record.get("purposes") or []
    given = value if isinstance(value, list) else re.split(r"[,;\n]+", str(value))
    found = []
    for part in given:
        match = _PURPOSE.fullmatch(part.strip())
        if match:
            code = f"s31(2)({match[1].lower()})"
            found.append((code, S31_PURPOSES[code]))
    return found


def check_ncnd(where: str, exemption: Exemption, regime: Regime, ncnd: bool, errors: dict[str, str]) -> None:
    """Check the provision fits the answer: NCND needs a provision excluding the duty to confirm or deny.

    FOIA: each section's own subsection (s31(3), s40(5B)...); FOISA s18(1) only for
    ss28-35, 38, 39(1) and 41; EIR reg 12(6) for reg 12(5)(a) and reg 13(5A)/(5B);
    EISR reg 10(8) for reg 10(5)(a) and reg 11(6) for personal data.
    A provision that only excludes the duty to confirm or deny cannot withhold information.
    """
    if not ncnd:
        if exemption.ncnd_of:
            errors[f"{where}.code"] = (
                f"{exemption.code} excludes only the duty to confirm or deny: choose neither confirm nor "
                f"deny, or cite {exemption.ncnd_of} to withhold information.")
        return
    if regime is Regime.FOISA:
        if exemption.ncnd != "s18(1)":
            errors[f"{where}.code"] = (
                f"FOISA s18(1) allows neither confirming nor denying only for sections 28 to 35, 38, "
                f"39(1) and 41, not {exemption.code}.")
        return
    if regime is Regime.EIR:
        if exemption.code not in ("reg 12(5)(a)", "reg 13", "reg 12(6)", "reg 13(5B)"):
            errors[f"{where}.code"] = (
                "Under the EIR you may neither confirm nor deny only for reg 12(5)(a) or "
                "reg 13 (reg 12(6), reg 13(5A))."
            )
        return
    if regime is Regime.EISR:
        if exemption.code not in EISR_NCND_CODES:
            errors[f"{where}.code"] = (
                "Under the EISR you may neither confirm nor deny only for reg 10(5)(a) or "
                "reg 11(2) (reg 10(8), reg 11(6)).")
        return
    if not exemption.ncnd:
        errors[f"{where}.code"] = (
            f"{exemption.code} has no provision excluding the duty to confirm or deny, so it cannot "
            "support neither confirming nor denying.")


def ncnd_provision(code: str, regime: Regime) -> Exemption:
    """Return the provision an NCND refusal cites for ``code``: s31(3) for s31(1)(a), itself if it is one."""
    exemption = get_exemption(code, regime)
    if exemption.ncnd_of or not exemption.ncnd or exemption.ncnd == "s18(1)":
        return exemption
    return get_exemption(exemption.ncnd, regime)


def check_emissions(where: str, exemption: Exemption, emissions: bool, errors: dict[str, str]) -> None:
    """EIR reg 12(9), EISR reg 10(6): information on emissions cannot be withheld under reg 12(5)(d)-(g), 10(5)(d)-(g)."""
    if emissions and exemption.code in NOT_FOR_EMISSIONS:
        rule = "EISR reg 10(6)" if exemption.regime is Regime.EISR else "EIR reg 12(9)"
        errors[f"{where}.code"] = (
            f"The information is on emissions, so {exemption.code} cannot be relied on ({rule}).")
