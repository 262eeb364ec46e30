"""Export: the validated TEI and the formats people reuse the edition in.

``run`` (the export command), ``tei`` (standalone documents and one teiCorpus),
``validation`` (each exported file checked before it is written), ``text`` (the readings as
paragraphs and notes), ``epub``, ``pdf`` and ``print_page`` (the e-book and the print
edition) and ``data`` (the registers and the chronology as CSV, JSON-LD and iCalendar);
``corpus`` (any corpus's export) and ``corpus_epub`` (its e-book).
"""
