"""Event sources: the Chaturbate Events API poller and the demo simulator."""
