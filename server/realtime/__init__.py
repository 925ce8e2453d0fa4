"""Real-time hub: protocol (event schema), replay, ingest, the /hub namespace."""
