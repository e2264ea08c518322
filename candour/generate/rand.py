"""A faster random stream for the generator (same seeding, simpler integer draws).

`random.Random.choice` and `randint` draw integers bit by bit; the generator
makes hundreds of such draws per incident, so they are taken from `random()`
here instead. The stream is still fully determined by the seed.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


class Stream(random.Random):
    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        if step == 1:
            return start + int(self.random() * (stop - start))
        return super().randrange(start, stop, step)
