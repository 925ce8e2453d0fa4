"""Analytics: reports over the event store, access rules, time grids, sessions, CSV export."""
