"""PyInstaller runtime hook: SKILLSHIFT_BENCH_CHILD=1 makes the frozen app run one start-up bench."""

# The frozen executable cannot run `python -m app.ui.bench --child`; this gives the same
# measurement (window shown, model ready, engine ready) to packaging/bench_frozen.py.
import os
import sys

if os.environ.get("SKILLSHIFT_BENCH_CHILD") == "1":
    from app.ui.bench import _child

    sys.exit(_child())
