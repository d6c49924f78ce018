"""PyInstaller runtime hook: third-party telemetry off before the frozen app imports anything."""

# Runs before the app's own code and before any other SkillShift hook: the bundle carries
# onnxruntime's telemetry client, which reads its switch once, when it is first imported.
from app.offline import disable_telemetry

disable_telemetry()
