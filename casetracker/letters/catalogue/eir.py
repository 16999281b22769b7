"""EIR 2004 regs 12(4), 12(5) and 13: every exception, all qualified but the first condition of reg 13.

Reg 12(1)(b) and 12(2): a public interest test with a presumption in favour of
disclosure. Reg 12(6): neither confirm nor deny for reg 12(5)(a); reg 13(5A)
and (5B) for personal data. Reg 12(9): information on emissions cannot be
withheld under reg 12(5)(d) to (g).
"""

SOURCE = "Environmental Information Regulations 2004, regs 12(4), 12(5), 12(9) and 13"

A, Q = "absolute", "qualified"
AE = "would adversely affect"

ENTRIES = (
    ("reg 12(4)(a)", "information not held", Q, "", "",
     "The authority did not hold the information when it received the request.", (), ()),
    ("reg 12(4)(b)", "manifestly unreasonable request", Q, "", "",
     "The request is manifestly unreasonable: vexatious, or too costly or burdensome to answer (the EIR "
     "have no separate cost limit).", (), ()),
    ("reg 12(4)(c)", "request formulated in too general a manner", Q, "", "",
     "The request is too general and the authority has given advice and assistance under reg 9 to help the "
     "requester make it specific.", (), ()),
    ("reg 12(4)(d)", "material in the course of completion, unfinished documents or incomplete data", Q, "",
     "", "The request is for unfinished material, documents or data.", (), ()),
    ("reg 12(4)(e)", "internal communications", Q, "", "",
     "The request involves the disclosure of the authority's internal communications.", (), ()),
    ("reg 12(5)(a)", "international relations, defence, national security or public safety", Q, AE,
     "reg 12(6)", "Disclosure would adversely affect international relations, defence, national security "
     "or public safety.", (), ()),
    ("reg 12(5)(b)", "the course of justice and inquiries", Q, AE, "",
     "Disclosure would adversely affect the course of justice, a fair trial, or a criminal or disciplinary "
     "inquiry.", (), ()),
    ("reg 12(5)(c)", "intellectual property rights", Q, AE, "",
     "Disclosure would adversely affect intellectual property rights.", (), ()),
    ("reg 12(5)(d)", "confidentiality of proceedings", Q, AE, "",
     "Disclosure would adversely affect the confidentiality of the proceedings of a public authority where "
     "that confidentiality is provided by law.", (), ()),
    ("reg 12(5)(e)", "confidentiality of commercial or industrial information", Q, AE, "",
     "Disclosure would adversely affect the confidentiality of commercial or industrial information where "
     "the law provides it to protect a legitimate economic interest.", (), ()),
    ("reg 12(5)(f)", "interests of the person who provided the information", Q, AE, "",
     "Disclosure would adversely affect someone who gave the information voluntarily, was not obliged to "
     "and has not consented to its disclosure.", (), ()),
    ("reg 12(5)(g)", "protection of the environment", Q, AE, "",
     "Disclosure would adversely affect the protection of the environment the information relates to, such "
     "as the sites of rare species.", (), ()),
    ("reg 13", "personal data", A, "", "reg 13(5B)",
     "Personal data of someone other than the requester, where disclosure would breach the data protection "
     "principles. Reg 12(1)(b) does not apply, so for this first condition there is no public interest "
     "test.", (), ("legitimate_interests",)),
)

#: Reg 12(9): to the extent the information relates to emissions, these exceptions are not available.
NOT_FOR_EMISSIONS = frozenset({"reg 12(5)(d)", "reg 12(5)(e)", "reg 12(5)(f)", "reg 12(5)(g)"})
