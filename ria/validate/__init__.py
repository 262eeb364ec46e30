"""Validate: what the grammar, the rules and the lint find in the TEI.

``schemas`` (RelaxNG, XSD and Schematron over every document), ``schematron``, ``rng2xsd``
(the XSD derived from the RelaxNG), ``rules`` (all of them in a process of their own while a
build goes on), ``schema_report`` (what a foreign corpus does that the edition's schema
would reject), ``fidelity`` (every word of a copy-text accounted for) and ``lint`` (the
editorial warnings, one module per family of rules).
"""
