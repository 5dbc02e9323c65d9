"""Converting into a folder that holds a clip store already: refused, or
with ``overwrite`` replaced only once the new store is whole."""
import os

import pytest

from tests.datasets.test_clip_store import golf_dataset_cfg
from vosgan_mm.datasets import ClipStore
from vosgan_mm.datasets.clip_store_conversion import convert_to_clip_store


@pytest.fixture
def golf(tmp_path):
    return golf_dataset_cfg(tmp_path / 'golf')  # 5 strips


def test_a_store_is_replaced_on_request_and_nothing_is_left_beside_it(
        golf, tmp_path):
    store = tmp_path / 'store'
    convert_to_clip_store(golf, str(store), max_clips=3)
    with pytest.raises(
            FileExistsError,
            match='index.json exists: a clip store is already there; pass '
            '--overwrite to replace it'):
        convert_to_clip_store(golf, str(store), max_clips=2)
    index = convert_to_clip_store(
        golf, str(store), max_clips=2, overwrite=True)
    assert index['clip_ids'] == ['0000.jpg', '0001.jpg']
    assert len(ClipStore(str(store))) == 2
    assert sorted(os.listdir(tmp_path)) == ['golf', 'store']


def test_a_failed_conversion_leaves_the_old_store_as_it_was(golf, tmp_path):
    store = tmp_path / 'store'
    convert_to_clip_store(golf, str(store), max_clips=3)
    before = {n: (store / n).read_bytes() for n in os.listdir(store)}

    def stop(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        convert_to_clip_store(golf, str(store), overwrite=True, progress=stop)
    assert {n: (store / n).read_bytes() for n in os.listdir(store)} == before
    assert sorted(os.listdir(tmp_path)) == ['golf', 'store']


def test_overwrite_replaces_only_a_folder_that_holds_a_store_alone(
        golf, tmp_path):
    store = tmp_path / 'store'
    convert_to_clip_store(golf, str(store), max_clips=1)
    (store / 'notes.txt').write_text('mine')
    with pytest.raises(
            FileExistsError,
            match=r'--overwrite replaces the whole folder .*store, which '
            r'holds more than a clip store \(notes.txt\)'):
        convert_to_clip_store(golf, str(store), overwrite=True)
    assert (store / 'notes.txt').read_text() == 'mine'
