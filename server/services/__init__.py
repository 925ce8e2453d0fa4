"""Business logic; no Flask request objects here."""
