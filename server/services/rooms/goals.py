"""Tip goals as a fold over a room's tips: the same tips in the same order give the same
progress, whether counted live or recomputed from the store after a restart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal of the ordered list."""

    label: str
    tokens: int


@dataclass
class GoalRun:
    """Where a room's goal list stands: the active goal's index and its tokens so far."""

    goals: Sequence[Goal]
    carry_over: bool = True
    index: int = 0
    progress: int = 0
    last_offset: int = 0  # the newest tip counted (an offset is counted at most once)
    completed: list[Goal] = field(default_factory=list)

    def add_tip(self, offset: int, tokens: int) -> list[Goal]:
        """Count one tip (ignored when at or below `last_offset`); returns goals it completed."""
        if offset <= self.last_offset:
            return []
        self.last_offset = offset
        done: list[Goal] = []
        if self.index >= len(self.goals) or tokens <= 0:
            return done
        self.progress += tokens
        while self.index < len(self.goals) and self.progress >= self.goals[self.index].tokens:
            goal = self.goals[self.index]
            done.append(goal)
            self.index += 1
            self.progress = self.progress - goal.tokens if self.carry_over else 0
            if not self.carry_over:
                break
        self.completed.extend(done)
        return done

    def restart(self, offset: int) -> None:
        """Start over from the first goal after `offset` (broadcastStart or by hand)."""
        self.index, self.progress, self.last_offset = 0, 0, max(self.last_offset, offset)
        self.completed.clear()

    def view(self) -> dict[str, Any]:
        """`{goal, next}` as the overlay and the `goal` frame carry them."""
        if not self.goals:
            return {"goal": None, "next": None}
        if self.index >= len(self.goals):  # all reached: the last one stays up, full
            last = self.goals[-1]
            goal = {"label": last.label, "target": last.tokens, "progress": last.tokens}
            return {"goal": {**goal, "completed": True}, "next": None}
        active = self.goals[self.index]
        following = self.goals[self.index + 1] if self.index + 1 < len(self.goals) else None
        return {
            "goal": {
                "label": active.label,
                "target": active.tokens,
                "progress": self.progress,
                "completed": False,
            },
            "next": {"label": following.label, "target": following.tokens} if following else None,
        }
