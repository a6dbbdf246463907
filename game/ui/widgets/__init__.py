"""Painted parts of the turn screen: stakeholder cards, package rows, the top bar."""
