"""The room toolkit: tip goals, tip menu, leaderboards and tipper tiers, overlay keys."""
