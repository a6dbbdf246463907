"""The test suite. A package, so that every test imports its helpers one way: `tests.helpers`."""
