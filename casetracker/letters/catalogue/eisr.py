"""EISR 2004 (SSI 2004/520) regs 10(4), 10(5) and 11: every exception of the Scottish environmental regime.

Reg 10(1)(b): every reg 10 exception is subject to the public interest test,
and reg 10(2) requires them to be read restrictively with a presumption in
favour of disclosure. Reg 10(5) needs *substantial* prejudice ("would, or
would be likely to, prejudice substantially"), as FOISA does, not the EIR's
"adversely affect". Reg 10(6): information on emissions cannot be withheld
under reg 10(5)(d) to (g). Reg 10(8): neither confirm nor deny for reg
10(5)(a); reg 11(6) for personal data. Reg 11(2): third parties' personal data.
"""

SOURCE = "Environmental Information (Scotland) Regulations 2004, regs 10(4), 10(5), 10(6), 10(8) and 11"

A, Q = "absolute", "qualified"
SP = "would, or would be likely to, prejudice substantially"

ENTRIES = (
    ("reg 10(4)(a)", "information not held", Q, "", "",
     "The authority does not hold the information when the request is received.", (), ()),
    ("reg 10(4)(b)", "manifestly unreasonable request", Q, "", "",
     "The request is manifestly unreasonable: vexatious, or too burdensome to answer (the EISR have no "
     "cost limit).", (), ()),
    ("reg 10(4)(c)", "request formulated in too general a manner", Q, "", "",
     "The request is too general and the authority has given advice and assistance under reg 9 to help "
     "the requester make it specific.", (), ()),
    ("reg 10(4)(d)", "material in the course of completion, unfinished documents or incomplete data", Q, "",
     "", "The request relates to material still being completed, unfinished documents or incomplete "
     "data.", (), ()),
    ("reg 10(4)(e)", "internal communications", Q, "", "",
     "The request involves making internal communications available.", (), ()),
    ("reg 10(5)(a)", "international relations, defence, national security or public safety", Q, SP,
     "reg 10(8)", "Disclosure would, or would be likely to, prejudice substantially international "
     "relations, defence, national security or public safety.", (), ()),
    ("reg 10(5)(b)", "the course of justice and inquiries", Q, SP, "",
     "Disclosure would, or would be likely to, prejudice substantially the course of justice, a fair "
     "trial, or a public authority's criminal or disciplinary inquiry.", (), ()),
    ("reg 10(5)(c)", "intellectual property rights", Q, SP, "",
     "Disclosure would, or would be likely to, prejudice substantially intellectual property rights.",
     (), ()),
    ("reg 10(5)(d)", "confidentiality of proceedings", Q, SP, "",
     "Disclosure would, or would be likely to, prejudice substantially the confidentiality of a public "
     "authority's proceedings where the law provides for it.", (), ()),
    ("reg 10(5)(e)", "confidentiality of commercial or industrial information", Q, SP, "",
     "Disclosure would, or would be likely to, prejudice substantially the confidentiality of commercial "
     "or industrial information where the law provides it to protect a legitimate economic interest.",
     (), ()),
    ("reg 10(5)(f)", "interests of the person who provided the information", Q, SP, "",
     "Disclosure would, or would be likely to, prejudice substantially someone who supplied the "
     "information voluntarily, was not obliged to and has not consented to its disclosure.", (), ()),
    ("reg 10(5)(g)", "protection of the environment", Q, SP, "",
     "Disclosure would, or would be likely to, prejudice substantially the protection of the environment "
     "the information relates to.", (), ()),
    ("reg 11(2)", "personal data", A, "", "reg 11(6)",
     "Personal data of someone other than the requester, where disclosure would breach the data "
     "protection principles (the first condition, reg 11(3A)): for it there is no public interest test.",
     (), ("legitimate_interests",)),
)

#: Reg 10(6): to the extent the information relates to emissions, these exceptions are not available.
NOT_FOR_EMISSIONS = frozenset({"reg 10(5)(d)", "reg 10(5)(e)", "reg 10(5)(f)", "reg 10(5)(g)"})
#: The provisions that allow neither confirming nor denying (reg 10(8), reg 11(6)) and what they shield.
NCND_CODES = frozenset({"reg 10(5)(a)", "reg 11(2)", "reg 10(8)", "reg 11(6)"})
