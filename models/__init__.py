"""Build scripts for the bundled model and its index; never imported by the app."""
