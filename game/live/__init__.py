"""The live workshop: one host serves the room's teams over HTTP (docs/LIVE-PROTOCOL.md).

The host (`app`, `room`, `store`, `replay`) keeps the workshop in SQLite and replays
every team's game with the session's model code, so the dashboard's numbers are the
team's own. Teams reach it through `client` (the game window and the headless `bot`).
Headless: never pygame. Beside `batch`, `facilitator` and `local`, above `session`.
"""
