"""Revolution in Arms: the toolchain that validates the TEI masters and publishes the edition."""

__version__ = "0.1.0"
