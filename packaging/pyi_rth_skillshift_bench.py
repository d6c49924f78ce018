"""PyInstaller runtime hook: the frozen app runs the desktop start-up bench when asked.

SKILLSHIFT_BENCH_CHILD=1 runs one start (window shown, model ready, engine ready), as
`python -m app.ui.bench --child` does; packaging/bench_frozen.py and the bench below use it.
SKILLSHIFT_BENCH_GUI=N runs the whole bench (N starts, JSON on stdout), as
`python -m app.ui.bench N` does: `skillshift bench` runs it in a child process, so the command
line never imports the GUI.
"""

import os
import sys

if os.environ.get("SKILLSHIFT_BENCH_CHILD") == "1":
    from app.ui.bench import _child

    sys.exit(_child())
if os.environ.get("SKILLSHIFT_BENCH_GUI"):
    from app.ui.bench import main

    runs = os.environ.pop("SKILLSHIFT_BENCH_GUI")
    sys.exit(main([runs]))
