"""Playing games: a policy or a player drives the model turn by turn."""
