"""Paint once, blit every frame: the turn screen repaints only when what it shows changed."""

from collections.abc import Callable, Hashable

import pygame


class PaintCache:
    """A painted surface and the key it was painted for.

    Nothing on the turn screen moves by itself (pygame_gui draws hover and tooltips on
    top), so repainting every text and bar each frame would only cost time.
    """

    def __init__(self) -> None:
        self._painted: pygame.Surface | None = None
        self._key: Hashable = ()

    def blit(
        self, surface: pygame.Surface, key: Hashable, paint: Callable[[pygame.Surface], None]
    ) -> None:
        """Blit onto `surface` what `paint` draws, calling it only when `key` changed."""
        if self._painted is None or key != self._key:
            if self._painted is None or self._painted.get_size() != surface.get_size():
                self._painted = pygame.Surface(surface.get_size())
            paint(self._painted)
            self._key = key
        surface.blit(self._painted, (0, 0))
