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

SECTIONS = [
    "s21", "s22", "s22A", "s23(1)", "s24(1)", "s26(1)", "s27(1)", "s27(2)", "s28(1)", "s29(1)",
    "s30(1)", "s30(2)", "s31(1)", "s32(1)", "s32(2)", "s33(2)", "s34(1)", "s35(1)(a)", "s35(1)(b)",
    "s35(1)(c)", "s35(1)(d)", "s36(2)", "s37(1)", "s38(1)", "s39(1)", "s40(1)", "s40(2)", "s41(1)",
    "s42(1)", "s43(1)", "s43(2)", "s44(1)",
]
EIR_CODES = [
    *(f"reg 12(4)({x})" for x in "abcde"), *(f"reg 12(5)({x})" for x in "abcdefg"), "reg 13",
]


def _substantive(regime):
    return [e.code for e in exemptions_for(regime) if not e.ncnd_of]


def test_catalogue_holds_foia_part_ii_with_every_limb_in_order():
    codes = _substantive(Regime.FOIA)
    assert [c for c in codes if c in SECTIONS] == SECTIONS
    # Issue 15: limbs such as s31(1)(g) and s36(2)(b)(i) are catalogued (main rejected them).
    assert [c for c in codes if c.startswith("s31(1)(")] == [f"s31(1)({x})" for x in "abcdefghi"]
    assert {"s36(2)(a)(i)", "s36(2)(b)(i)", "s36(2)(b)(ii)", "s36(2)(c)", "s30(1)(a)(i)"} <= set(codes)
    assert [e.code for e in exemptions_for("eir") if not e.ncnd_of] == EIR_CODES
    assert len(CATALOGUE) == sum(len(exemptions_for(r)) for r in (Regime.FOIA, Regime.EIR, Regime.FOISA, Regime.EISR))
    assert {e.source for e in exemptions_for(Regime.FOIA)} == {
        "Freedom of Information Act 2000, Part II (ss21-44) and s2(3)"}


def test_absolute_foia_sections_are_exactly_those_of_s2_3():
    absolute = [e.code for e in exemptions_for(Regime.FOIA) if e.absolute and e.code in SECTIONS]
    assert absolute == ["s21", "s23(1)", "s32(1)", "s32(2)", "s34(1)", "s40(1)", "s40(2)", "s41(1)",
                        "s44(1)"]
    # s2(3)(ea): communications with the Sovereign, heir and second in line are absolute.
    assert [get_exemption(c).absolute for c in ("s37(1)(a)", "s37(1)(ab)", "s37(1)(ac)")] == [True, True, False]


def test_eir_reg_12_exceptions_are_all_qualified():
    assert all(not e.absolute for e in exemptions_for(Regime.EIR) if e.code.startswith("reg 12"))


def test_prejudice_based_sections():
    prejudice = [c for c in SECTIONS if get_exemption(c).prejudice_based]
    assert prejudice == ["s22A", "s26(1)", "s27(1)", "s28(1)", "s29(1)", "s31(1)", "s33(2)",
                         "s36(2)", "s38(1)", "s43(2)"]
    assert [c for c in EIR_CODES if get_exemption(c).prejudice_based] == [f"reg 12(5)({x})" for x in "abcdefg"]


def test_every_foia_section_names_its_ncnd_provision():
    # FOIA: each section's "duty to confirm or deny" subsection; s21 and s43(1) have none.
    assert {c: get_exemption(c).ncnd for c in ("s31(1)(g)", "s40(2)", "s40(1)", "s36(2)(b)(i)", "s43(2)")} == {
        "s31(1)(g)": "s31(3)", "s40(2)": "s40(5B)", "s40(1)": "s40(5A)", "s36(2)(b)(i)": "s36(3)",
        "s43(2)": "s43(3)"}
    s31_3 = get_exemption("s31(3)")
    assert (s31_3.ncnd_of, s31_3.prejudice_based, s31_3.citation) == ("s31(1)", True, "section 31(3)")
    assert get_exemption("reg 12(6)").ncnd_of == "reg 12(5)(a)"


def test_foisa_part_2_is_catalogued_with_substantial_prejudice_and_s18():
    # Issue 15: main had no FOISA exemptions at all.
    codes = _substantive(Regime.FOISA)
    assert codes[0] == "s25(1)" and codes[-1] == "s41(b)"
    s30 = get_exemption("s30(b)(i)", "foisa")
    assert (s30.regime, s30.citation, s30.absolute, s30.test, s30.ncnd) == (
        Regime.FOISA, "section 30(b)(i)", False, "would, or would be likely to, prejudice substantially",
        "s18(1)")
    assert [get_exemption(c, "foisa").absolute for c in ("s25(1)", "s26(a)", "s36(2)", "s37(1)", "s38(1)(b)")] \
        == [True] * 5
    # s18(1) covers ss28-35, 38, 39(1) and 41 only.
    assert get_exemption("s27(1)", "foisa").ncnd == ""
    assert get_exemption("s36(2)", "foisa").title == "information provided in confidence"
    assert get_exemption("s36(2)").title == "prejudice to the effective conduct of public affairs"


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


@pytest.mark.parametrize("code", ["s12", "s45", "reg 12(7)", "", "forty"])
def test_unknown_codes_raise_unknown_exemption(code):
    with pytest.raises(UnknownExemption) as caught:
        get_exemption(code)
    assert isinstance(caught.value, LetterError)
    assert str(caught.value) == (f"{code!r} is not an exemption we know: write it like s40(2), "
                                 "s35(1)(a) or reg 12(5)(e).")
