"""The exemption catalogue: every provision practitioners cite, with its nature."""

from __future__ import annotations

import pytest

from casetracker.letters.constants import Regime
from casetracker.letters.errors import LetterError
from casetracker.letters.exemptions import (
    CATALOGUE,
    UnknownExemption,
    exemptions_for,
    get_exemption,
)

FOIA_CODES = [
    "s21", "s22", "s22A", "s23(1)", "s24(1)", "s26(1)", "s27(1)", "s28(1)", "s29(1)",
    "s30(1)", "s31(1)", "s32(1)", "s33(2)", "s34(1)", "s35(1)(a)", "s35(1)(b)", "s35(1)(c)",
    "s35(1)(d)", "s36(2)", "s37(1)", "s38(1)", "s39(1)", "s40(1)", "s40(2)", "s41(1)",
    "s42(1)", "s43(1)", "s43(2)", "s44(1)",
]
EIR_CODES = [
    *(f"reg 12(4)({x})" for x in "abcde"), *(f"reg 12(5)({x})" for x in "abcdefg"), "reg 13",
]


def test_catalogue_holds_foia_ss21_to_44_and_eir_reg_12_and_13_in_order():
    assert [e.code for e in exemptions_for(Regime.FOIA)] == FOIA_CODES
    assert [e.code for e in exemptions_for("eir")] == EIR_CODES
    assert len(CATALOGUE) == len(FOIA_CODES) + len(EIR_CODES)


def test_absolute_foia_exemptions_are_exactly_those_of_s2_3():
    absolute = [e.code for e in exemptions_for(Regime.FOIA) if e.absolute]
    assert absolute == ["s21", "s23(1)", "s32(1)", "s34(1)", "s40(1)", "s40(2)", "s41(1)",
                        "s44(1)"]


def test_eir_reg_12_exceptions_are_all_qualified():
    assert all(not e.absolute for e in exemptions_for(Regime.EIR) if e.code.startswith("reg 12"))


def test_prejudice_based_entries():
    prejudice = [e.code for e in CATALOGUE if e.prejudice_based]
    assert prejudice == ["s22A", "s26(1)", "s27(1)", "s28(1)", "s29(1)", "s31(1)", "s33(2)",
                         "s36(2)", "s38(1)", "s43(2)"] + [f"reg 12(5)({x})" for x in "abcdefg"]


def test_s40_2_entry():
    entry = get_exemption("s40(2)")
    assert (entry.regime, entry.title, entry.absolute, entry.prejudice_based) == (
        Regime.FOIA, "personal information about other people", True, False)
    assert entry.citation == "section 40(2)"
    assert not entry.needs_public_interest_test


@pytest.mark.parametrize(
    ("written", "code"),
    [("s40(2)", "s40(2)"), ("section 40(2)", "s40(2)"), ("S 40 (2)", "s40(2)"),
     ("40(2)", "s40(2)"), ("s.43(2)", "s43(2)"), ("22a", "s22A"), ("s35(1)(a)", "s35(1)(a)"),
     ("reg 12(5)(e)", "reg 12(5)(e)"), ("Regulation 12(4)(b)", "reg 12(4)(b)"),
     ("12(4)(e)", "reg 12(4)(e)"), ("reg 13(1)", "reg 13"), ("s33(1)", "s33(2)")],
)
def test_codes_are_read_the_ways_people_write_them(written, code):
    assert get_exemption(written).code == code


def test_eir_citation_and_not_held_needs_no_public_interest_test():
    not_held = get_exemption("reg 12(4)(a)")
    assert not_held.citation == "regulation 12(4)(a)"
    assert not not_held.needs_public_interest_test
    assert get_exemption("reg 12(4)(b)").needs_public_interest_test


@pytest.mark.parametrize("code", ["s12", "s45", "reg 12(6)", "", "forty"])
def test_unknown_codes_raise_unknown_exemption(code):
    with pytest.raises(UnknownExemption) as caught:
        get_exemption(code)
    assert isinstance(caught.value, LetterError)
    assert str(caught.value) == (f"{code!r} is not an exemption we know: write it like s40(2), "
                                 "s35(1)(a) or reg 12(5)(e).")
