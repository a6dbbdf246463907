"""The player's own files on this machine: where the data folder is, and the settings kept there.

Headless (no pygame): the window and the command line both find the autosave, the
player's scenarios and exports here.
"""
