"""SkillShift: offline career planning over occupations, skills and AI exposure."""

import os

from app.offline import disable_telemetry

__version__ = "0.1.0"

# Every way into the app (CLI, GUI, bench and screenshot children, tests, build scripts) imports
# this package before onnxruntime: its telemetry is switched off before it can start.
disable_telemetry()

# The app's own matrix work is small; a multi-threaded BLAS only fights onnxruntime's threads
# for the same cores (a 384x384 eigh took seconds under load instead of milliseconds).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
