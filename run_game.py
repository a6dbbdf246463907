#!/usr/bin/env python3
"""Odd Duck: start the game, or run one of its commands (`run_game.py --help`)."""

import sys

try:
    from game.cli.main import main
except KeyboardInterrupt:  # Ctrl+C while the command's modules load: no traceback
    print("run_game.py: interrupted", file=sys.stderr)
    sys.exit(130)

if __name__ == "__main__":
    sys.exit(main())
