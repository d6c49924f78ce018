"""Loaded by child processes in tests: any network attempt is logged and refused."""

import os
import sys

_LOG = os.environ.get("SKILLSHIFT_NETWORK_LOG")
_BLOCKED = {
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.sendto",
    "socket.bind",
}


def _audit(event, args):  # type: ignore[no-untyped-def]
    if event not in _BLOCKED:
        return
    target = args[1] if len(args) > 1 else args
    if event == "socket.connect" and isinstance(target, str | bytes):
        return  # Unix-domain socket: local IPC only
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {target!r}\n")
    raise ConnectionRefusedError(f"network access is forbidden: {event} {target!r}")


sys.addaudithook(_audit)
