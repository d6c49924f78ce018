"""Reusable widgets: charts, chips, delegates, the pathway graph."""
