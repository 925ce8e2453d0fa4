"""Goal runs: the active goal, the next, completion with and without carry-over."""

from __future__ import annotations

from server.services.rooms.goals import Goal, GoalRun

GOALS = (Goal("oil", 100), Goal("dance", 200), Goal("show", 300))


def test_tips_fill_the_active_goal_and_the_next_is_named() -> None:
    run = GoalRun(GOALS)
    run.add_tip(1, 40)
    assert run.view() == {
        "goal": {"label": "oil", "target": 100, "progress": 40, "completed": False},
        "next": {"label": "dance", "target": 200},
    }


def test_completion_starts_the_next_goal_carrying_the_excess() -> None:
    run = GoalRun(GOALS, carry_over=True)
    done = run.add_tip(1, 130)
    assert done == [Goal("oil", 100)]
    assert run.view()["goal"] == {
        "label": "dance",
        "target": 200,
        "progress": 30,
        "completed": False,
    }


def test_without_carry_over_the_next_goal_starts_empty() -> None:
    run = GoalRun(GOALS, carry_over=False)
    run.add_tip(1, 130)
    assert run.view()["goal"]["progress"] == 0
    assert run.view()["goal"]["label"] == "dance"


def test_one_huge_tip_with_carry_over_completes_several_goals() -> None:
    run = GoalRun(GOALS, carry_over=True)
    assert run.add_tip(1, 350) == [Goal("oil", 100), Goal("dance", 200)]
    assert run.view()["goal"]["progress"] == 50


def test_after_the_last_goal_it_stays_up_completed() -> None:
    run = GoalRun(GOALS[:1])
    run.add_tip(1, 100)
    run.add_tip(2, 500)
    assert run.view() == {
        "goal": {"label": "oil", "target": 100, "progress": 100, "completed": True},
        "next": None,
    }


def test_an_offset_is_counted_once() -> None:
    run = GoalRun(GOALS)
    run.add_tip(5, 40)
    run.add_tip(5, 40)
    run.add_tip(4, 40)
    assert run.view()["goal"]["progress"] == 40


def test_restart_goes_back_to_the_first_goal() -> None:
    run = GoalRun(GOALS)
    run.add_tip(1, 150)
    run.restart(2)
    assert run.view()["goal"] == {"label": "oil", "target": 100, "progress": 0, "completed": False}


def test_no_goals_shows_nothing() -> None:
    assert GoalRun(()).view() == {"goal": None, "next": None}
