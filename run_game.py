#!/usr/bin/env python3
"""Odd Duck: start the game, or run one of its commands (`run_game.py --help`)."""

import sys

from game.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
