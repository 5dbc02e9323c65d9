import copy
import multiprocessing
import pickle

import pytest

from vosgan_mm.datasets import SkippedClips


def skip_in_a_child(skipped, index):
    skipped.add(index, f'clip {index}: broken')
    skipped.add(index, f'clip {index}: broken')


def test_skips_counted_in_forked_processes_reach_the_parent():
    skipped = SkippedClips()
    fork = multiprocessing.get_context('fork')
    children = [
        fork.Process(target=skip_in_a_child, args=(skipped, i)) for i in (3, 5)
    ]
    for child in children:
        child.start()
    for child in children:
        child.join()
        assert child.exitcode == 0
    assert skipped.count == 4
    assert sorted(skipped.records()) == [(3, 'clip 3: broken'),
                                         (5, 'clip 5: broken')]


def test_every_skip_counts_and_each_clip_is_recorded_once():
    skipped = SkippedClips(capacity=2)
    assert skipped.add(7, 'a') is True
    assert skipped.add(7, 'a') is False  # already recorded
    assert skipped.add(1, 'b') is True
    assert skipped.full
    # a clip that finds the record full is not recorded, so not known
    assert skipped.add(9, 'c') is True
    assert skipped.count == 4
    assert skipped.records() == [(7, 'a'), (1, 'b')]


def test_reasons_are_cut_to_their_bytes_without_breaking_a_character():
    skipped = SkippedClips(capacity=1, reason_bytes=6)
    skipped.add(0, 'ab\u00e9\u00e9\u00e9')  # 2 + 3 x 2 bytes in UTF-8
    assert skipped.records() == [(0, 'ab\u00e9\u00e9')]


@pytest.mark.parametrize(
    'duplicate', [copy.deepcopy, lambda s: pickle.loads(pickle.dumps(s))])
def test_a_copy_or_a_pickle_is_a_new_empty_record(duplicate):
    skipped = SkippedClips(capacity=3)
    skipped.add(0, 'broken')
    other = duplicate(skipped)
    other.add(1, 'broken too')
    assert (other.count, other.capacity) == (1, 3)
    assert other.records() == [(1, 'broken too')]
    assert skipped.count == 1 and skipped.records() == [(0, 'broken')]


def test_a_lock_left_held_by_a_dead_worker_does_not_hang(monkeypatch):
    monkeypatch.setattr('vosgan_mm.datasets.skipped_clips.LOCK_TIMEOUT_S',
                        0.01)
    skipped = SkippedClips()
    skipped._lock.acquire()  # as a worker killed inside add() leaves it
    skipped.add(2, 'broken')
    assert skipped.count == 1 and skipped.records() == [(2, 'broken')]
