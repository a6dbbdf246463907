"""Helpers shared by test files; import them as `from tests.helpers.<module> import <name>`.

Test files never import from each other or from `conftest`: a second import path would load
a second copy of the module, with its own caches. `conftest.py` holds only fixtures and the
headless SDL setup.
"""
