"""SkillShift: offline career planning over occupations, skills and AI exposure."""

import os

__version__ = "0.1.0"

# The app's own matrix work is small; a multi-threaded BLAS only fights onnxruntime's threads
# for the same cores (a 384x384 eigh took seconds under load instead of milliseconds).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
