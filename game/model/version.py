"""Which rules the model plays by, written into every save and result file.

A save holds plans, not states: resuming replays them. When a balance change
makes a week come out differently, a round saved before it would replay into
different numbers (or a plan would be refused) without anyone knowing why. Bump
RULES_VERSION with every change to a rule or a default coefficient that changes
any played week; tests/test_rules_version.py fails until you do.
"""

RULES_VERSION = 5
