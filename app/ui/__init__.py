"""The PySide6 desktop interface over the core."""
