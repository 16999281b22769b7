"""The exemption catalogues, one data module per regime, each naming its source.

Each module holds ``SOURCE`` (the Part or regulations it transcribes) and
``ENTRIES``: rows of (code, title, nature, test, ncnd, summary, limbs, needs).
``nature`` is "absolute" or "qualified"; ``test`` is "" for a class-based
provision or the words of its harm test; ``ncnd`` the provision excluding the
duty to confirm or deny; ``limbs`` (suffix, title) pairs, each citeable on its
own; ``needs`` the extra reasoning a refusal must give. ``letters.exemptions``
turns the rows into ``Exemption`` values.
"""
