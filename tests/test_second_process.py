"""The second process keeps one object for the whole build and answers in order (styrdok.second_process)."""

from __future__ import annotations

import os

import pytest

from styrdok.second_process import SecondProcess

pytestmark = pytest.mark.unit


class Tally:
    def __init__(self, start: int):
        self.total = start

    def add(self, numbers: list[int]) -> None:
        self.total += sum(numbers)

    def result(self) -> tuple[int, int]:
        return self.total, os.getpid()

    def fail(self) -> None:
        raise RuntimeError("Pagefind stopped")


def test_one_object_keeps_what_it_gathers_and_answers_in_order_in_another_process():
    worker = SecondProcess(Tally, 10)
    worker.call(None, "add", [1, 2])  # no answer kept
    worker.call("first", "result")
    worker.call(None, "add", [3])
    worker.call("second", "result")
    answers = worker.rest()
    assert [key for key, _ in answers] == ["first", "second"]
    (_, (first, pid)), (_, (second, _)) = answers
    assert (first, second) == (13, 16)
    assert pid != os.getpid()


def test_an_error_there_is_raised_here_also_for_a_call_whose_answer_is_not_kept():
    worker = SecondProcess(Tally, 0)
    worker.call(None, "fail")
    with pytest.raises(RuntimeError, match="Pagefind stopped"):
        worker.rest()


class CannotStart:
    def __init__(self):
        raise OSError("Pagefind could not start")


def test_an_object_that_cannot_be_made_stops_the_build_with_its_own_error():
    worker = SecondProcess(CannotStart)
    with pytest.raises(OSError, match="could not start"):
        worker.rest()
