"""The exemption catalogue: FOIA Part II, FOISA Part 2 and the EIR and EISR exceptions, as data with their source.

The rows live in ``letters.catalogue`` (one module per regime, each with its
``SOURCE``); this module turns them into ``Exemption`` values, one per
subsection and limb, plus one per provision that excludes the duty to confirm
or deny (FOIA s31(3), s40(5B); EIR reg 12(6), reg 13(5B); EISR reg 10(8), reg 11(6)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from casetracker.letters.catalogue import eir, eisr, foia, foisa
from casetracker.letters.constants import ENVIRONMENTAL, Regime
from casetracker.letters.errors import UnknownExemption

__all__ = ["CATALOGUE", "SOURCES", "Exemption", "UnknownExemption", "exemptions_for", "get_exemption"]

#: The s31(2) purposes cited with FOIA s31(1)(g)-(i).
S31_PURPOSES = foia.S31_PURPOSES
#: EIR reg 12(9): the exceptions not available for information on emissions.
NOT_FOR_EMISSIONS = eir.NOT_FOR_EMISSIONS | eisr.NOT_FOR_EMISSIONS


@dataclass(frozen=True)
class Exemption:
    """One exemption (FOIA, FOISA) or exception (EIR) a refusal notice can rely on.

    ``absolute``: no public interest test (FOIA s2(3), FOISA s2(2)); every EIR
    reg 12 exception is qualified (EIR reg 12(1)(b)). ``prejudice_based``: it
    applies only if disclosure would cause a harm, in the words of ``test``
    ("would, or would be likely to, prejudice"; FOISA "... prejudice
    substantially"; EIR "would adversely affect"); otherwise it is class-based.
    ``ncnd``: the provision that excludes the duty to confirm or deny (FOIA
    s31(3); FOISA s18(1)); ``ncnd_of``: set on such a provision, the exemption
    it shields. ``needs``: reasoning a refusal must add ("qualified_person_opinion"
    for FOIA s36, "legitimate_interests" for personal data, "purposes" for FOIA
    s31(1)(g)-(i)).
    """

    code: str
    regime: Regime
    title: str
    absolute: bool
    prejudice_based: bool
    summary: str
    test: str = ""
    ncnd: str = ""
    ncnd_of: str = ""
    needs: tuple[str, ...] = ()
    source: str = ""

    @property
    def citation(self) -> str:
        """Return the provision as a letter writes it, e.g. "section 31(1)(g)", "regulation 13"."""
        if self.regime in ENVIRONMENTAL:
            return "regulation " + self.code.removeprefix("reg ")
        return "section " + self.code.removeprefix("s")

    @property
    def needs_public_interest_test(self) -> bool:
        """Return True when a refusal must weigh the public interest for and against.

        EIR reg 12(4)(a) (EISR reg 10(4)(a)) is formally qualified, but ICO and SIC
        guidance say there is no public interest to weigh for information that is not held.
        """
        return not self.absolute and self.code not in ("reg 12(4)(a)", "reg 10(4)(a)")


def _build(regime: Regime, module: ModuleType) -> tuple[Exemption, ...]:
    out: list[Exemption] = []
    ncnd_seen: set[str] = set()
    absolute_limbs = getattr(module, "ABSOLUTE_LIMBS", frozenset())
    purpose_limbs = getattr(module, "NEEDS_PURPOSE", frozenset())
    li_limbs = getattr(module, "NEEDS_LEGITIMATE_INTERESTS", frozenset())
    for code, title, nature, test, ncnd, summary, limbs, needs in module.ENTRIES:
        absolute = nature == "absolute"
        base = Exemption(code, regime, title, absolute, bool(test), summary, test, ncnd, "", tuple(needs),
                         module.SOURCE)
        out.append(base)
        for suffix, limb_title in limbs:
            limb = code + suffix
            extra = (("purposes",) if limb in purpose_limbs else ()) + \
                (("legitimate_interests",) if limb in li_limbs else ())
            out.append(Exemption(
                limb, regime, f"{title}: {limb_title}", absolute or limb in absolute_limbs, bool(test),
                summary, test, ncnd, "", tuple(needs) + extra, module.SOURCE,
            ))
        if ncnd and ncnd != "s18(1)" and ncnd not in ncnd_seen:
            ncnd_seen.add(ncnd)
            out.append(Exemption(
                ncnd, regime, f"neither confirm nor deny: {title}", absolute, bool(test),
                f"The duty to confirm or deny does not arise where confirming or denying would itself "
                f"engage {code}.", test, ncnd, code, tuple(needs), module.SOURCE,
            ))
    return tuple(out)


_BY_REGIME: dict[Regime, tuple[Exemption, ...]] = {
    Regime.FOIA: _build(Regime.FOIA, foia),
    Regime.EIR: _build(Regime.EIR, eir),
    Regime.FOISA: _build(Regime.FOISA, foisa),
    Regime.EISR: _build(Regime.EISR, eisr),
}
#: Where each regime's catalogue is transcribed from.
SOURCES = {regime: module.SOURCE for regime, module in ((Regime.FOIA, foia), (Regime.EIR, eir),
                                                          (Regime.FOISA, foisa), (Regime.EISR, eisr))}
CATALOGUE: tuple[Exemption, ...] = tuple(e for entries in _BY_REGIME.values() for e in entries)

_PREFIX = re.compile(r"^(section|sec|s|regulation|reg|r)(?=\d)")


def _key(code: str) -> str:
    """Return the bare provision: "40(2)" for "Section 40(2)", "12(5)(e)" for "reg 12(5)(e)"."""
    squeezed = re.sub(r"[\s.]", "", code).lower()
    bare = _PREFIX.sub("", squeezed)
    return re.sub(r"^(\d+)a", r"\1A", bare)


_KEYS: dict[Regime, dict[str, Exemption]] = {
    regime: {_key(e.code): e for e in entries} for regime, entries in _BY_REGIME.items()
}
# Practitioners cite reg 13(1) for the whole regulation; s33(1) only defines the
# audit functions that s33(2) protects, but it is often cited alongside it.
_KEYS[Regime.EIR]["13(1)"] = _KEYS[Regime.EIR]["13"]
_KEYS[Regime.EIR]["13(5a)"] = _KEYS[Regime.EIR]["13(5b)"]
_KEYS[Regime.FOIA]["33(1)"] = _KEYS[Regime.FOIA]["33(2)"]
_KEYS[Regime.EISR]["11"] = _KEYS[Regime.EISR]["11(2)"]


def get_exemption(code: str, regime: Regime | str | None = None) -> Exemption:
    """Return the catalogue entry for ``code``, in ``regime``'s catalogue when given.

    Accepts the ways people write a provision: "s40(2)", "section 40(2)",
    "40(2)", "s31(1)(g)", "reg 12(5)(e)", "regulation 12(5)(e)". Without a
    regime, FOIA is tried first, then the EIR, then FOISA, then the EISR. Raises ``UnknownExemption``.
    """
    key = _key(code)
    order = [Regime(regime)] if regime is not None and Regime(regime) in _KEYS else []
    order += [r for r in (Regime.FOIA, Regime.EIR, Regime.FOISA, Regime.EISR) if r not in order]
    for candidate in order:
        found = _KEYS[candidate].get(key)
        if found is not None:
            return found
    raise UnknownExemption(code)


def exemptions_for(regime: Regime | str) -> tuple[Exemption, ...]:
    """Return the catalogue entries of one regime, in statutory order."""
    return _BY_REGIME.get(Regime(regime), ())
