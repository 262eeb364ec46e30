#!/usr/bin/env python3
"""Revolution in Arms: build, check and export the edition. See README.md and EDITING.md."""

import sys

from ria.commands.cli import main

if __name__ == "__main__":
    sys.exit(main())
