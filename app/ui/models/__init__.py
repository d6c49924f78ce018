"""Qt item models over immutable core results."""
