"""The game's art and sound: portraits, icons and cues, shipped in assets/ or generated."""
