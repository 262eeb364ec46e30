"""Publish: the model → a static site, written only where it may go.

``pipeline`` (the build's one loop, for the edition and any corpus), ``build`` (the edition as a
project of it), ``transform`` (XSLT 3.0 through Saxon), ``workers`` and
``distributed`` (the one scheduler: a local pool or a Dask cluster), ``render`` and ``home``
(the page shells), ``geo``, ``basemap``, ``mapframe``, ``maplabels``, ``timeline`` and
``chronology_filters`` (the map and the time lines, drawn at build time), ``search``,
``search_bundles``, ``search_as_written``, ``search_passages`` and ``pagefind_format`` (the
search index), ``dts``, ``dts_units`` and
``harvest`` (machine access), ``site`` (the staged site, put in place atomically).
"""
