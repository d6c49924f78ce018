"""The one switch that keeps third-party libraries off the network: set before they load."""

from __future__ import annotations

import os
import sys

# onnxruntime's official Linux and macOS wheels (1.32, the pinned version) carry a 1DS telemetry
# client that is on by default: at start-up it writes a device id and an event database under
# ~/.cache/Microsoft/DeveloperTools/.onnxruntime/ and, about 2 s after a session loads, resolves
# and calls its events server. Its documented run-time opt-out (docs/Privacy.md, "Disable all
# telemetry at runtime (non-Windows)") is this variable, read once when the library initialises
# (onnxruntime/core/platform/telemetry_environment.h, IsTelemetryDisabledByEnvironment, in the
# 1.32 sources; the pinned wheel carries the same string): it must be set before the import.
# "1" is forced, not defaulted: an inherited ORT_DISABLE_TELEMETRY=0 must not switch it back on.
TELEMETRY_SWITCHES: dict[str, str] = {"ORT_DISABLE_TELEMETRY": "1"}


def disable_telemetry() -> bool:
    """Turn third-party telemetry off for this process and its children.

    Returns False when onnxruntime was already imported (too late for the switch to be read);
    its API then silences what it still can.
    """
    os.environ.update(TELEMETRY_SWITCHES)
    ort = sys.modules.get("onnxruntime")
    if ort is None:
        return True
    off = getattr(ort, "disable_telemetry_events", None)
    if off is not None:
        off()
    return False
