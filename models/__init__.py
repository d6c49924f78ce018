"""Build scripts for the bundled model and its index; never imported by the app."""

from app.offline import disable_telemetry

# `python -m models.X` runs this first: onnxruntime (export checks, quantisation, scoring)
# must not start its telemetry on the build machine either.
disable_telemetry()
