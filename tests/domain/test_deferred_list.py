"""DeferredList: the entries a snapshot holds are built on first read, once, and the list then behaves
as the plain list it stands for; appending, ``len`` and copying need no build."""

from __future__ import annotations

import copy
import pickle
import threading
import time

from tracker.domain.deferred import DeferredList, Once


def deferred(entries: list, calls: list) -> DeferredList:
    def build() -> list:
        calls.append(1)
        return list(entries)

    return DeferredList(head=Once(build), count=len(entries))


def test_appending_counting_and_truth_need_no_build():
    calls: list = []
    notes = deferred(["a", "b"], calls)
    notes.append("c")
    assert len(notes) == 3 and notes and not notes.built and calls == []


def test_reading_builds_once_with_the_appended_entries_after():
    calls: list = []
    notes = deferred(["a", "b"], calls)
    notes.append("c")
    assert list(notes) == ["a", "b", "c"] and notes.built
    assert notes[0] == "a" and notes[-1] == "c" and list(reversed(notes)) == ["c", "b", "a"]
    notes.append("d")
    assert notes == ["a", "b", "c", "d"] and notes == ["a", "b", "c", "d"] and len(notes) == 4
    assert calls == [1]


def test_an_empty_deferred_list_is_false():
    assert not deferred([], []) and len(deferred([], [])) == 0


def test_a_copy_shares_the_build_and_neither_sees_the_others_appends():
    calls: list = []
    original = deferred(["a"], calls)
    clone = original.copy()
    assert not clone.built and len(clone) == 1
    original.append("b")
    clone.append("x")
    assert original == ["a", "b"] and clone == ["a", "x"] and calls == [1]
    assert copy.copy(original) == ["a", "b"]


def test_a_copy_of_a_built_list_is_a_separate_list():
    original = deferred(["a"], [])
    assert original == ["a"]
    clone = original.copy()
    clone.append("b")
    assert original == ["a"] and clone == ["a", "b"]


def test_deep_copies_and_pickles_are_plain_copies_of_the_entries():
    notes = deferred([{"text": "a"}], [])
    deep = copy.deepcopy(notes)
    assert deep == [{"text": "a"}] and deep[0] is not notes[0]
    assert pickle.loads(pickle.dumps(notes)) == [{"text": "a"}]


def test_threads_reading_at_once_build_once():
    calls: list = []

    def slow_build() -> list:
        calls.append(1)
        time.sleep(0.05)  # every thread arrives while the build runs
        return ["a"]

    once, gate, found = Once(slow_build), threading.Barrier(4), []

    def read(notes: DeferredList) -> None:
        gate.wait(5)
        found.append(list(notes))

    threads = [threading.Thread(target=read, args=(DeferredList(head=once, count=1),)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [["a"]] * 4 and calls == [1]


def test_threads_reading_one_list_while_it_is_built_all_see_every_entry():
    def slow_build() -> list:
        time.sleep(0.05)
        return ["a", "b"]

    notes, gate, found = DeferredList(head=Once(slow_build), count=2), threading.Barrier(4), []
    notes.append("c")

    def read() -> None:
        gate.wait(5)
        found.append((len(notes), list(notes)))

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [(3, ["a", "b", "c"])] * 4
