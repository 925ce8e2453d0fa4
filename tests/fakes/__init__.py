"""Local fakes of network services we do not own, speaking their real wire formats."""
