"""The platform event: its model and its one schema (below services, adapters and realtime)."""
