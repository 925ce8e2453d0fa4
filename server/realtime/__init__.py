"""Real-time hub: the /hub namespace, socket protocol, replay, publish path, notices."""
