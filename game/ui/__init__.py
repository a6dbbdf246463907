"""The game window (pygame-ce + pygame_gui): screens that read observations and build plans.

The UI never changes the model's state itself: handlers build a plan, and the
session (game/session) applies it. Import this package only where a window is
wanted; the model, the batch code and the CLI's other commands never load pygame.
"""
