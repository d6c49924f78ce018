"""`python -m app`: the GUI without arguments, the CLI with them."""

from __future__ import annotations

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
