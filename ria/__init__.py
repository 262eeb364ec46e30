"""Revolution in Arms: the toolchain that validates the TEI masters and publishes the edition."""

from pathlib import Path

__version__ = "0.1.0"

# The folder of the engine's stylesheets (xslt/), schema, theme and npm tools, beside ria/:
# a corpus built with `build --corpus` is published with these.
TOOLCHAIN = Path(__file__).resolve().parent.parent
