"""Model: what the TEI says, read into plain objects that every later stage shares.

``load`` (the files, parsed safely, once), ``project_config`` (who the project is),
``readings`` (a text's diplomatic and reading words), ``index`` (registers and every mention
in its sentence), ``chronology``, ``teidates``, ``datewords`` and ``calendars`` (dates, in
both calendars), ``locations`` (where a passage is, citably) and ``rights`` (what may be
published of each text).
"""
