"""Headless runs over many games (never imports pygame)."""
