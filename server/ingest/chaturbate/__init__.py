"""Chaturbate Events API feeds: URL rules, pages, the poller, its lease, hooks and manager."""
