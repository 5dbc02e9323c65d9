import json
import os

import cv2
import numpy as np
import pytest
import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT, load_tool
from vosgan_mm.datasets import ClipStore, ClipStoreWriter, VideoDataError
from vosgan_mm.datasets.clip_store_conversion import (check_clip_store,
                                                      convert_to_clip_store)
from vosgan_mm.registry import DATASETS

write_golf_strips = load_tool(
    'tools/analysis_tools/benchmark_data.py').write_golf_strips


def clips(n, shape=(4, 8, 8, 3)):
    rng = np.random.default_rng(0)
    return [rng.integers(0, 256, shape, dtype=np.uint8) for _ in range(n)]


def write_store(root, frames, clips_per_shard=3):
    writer = ClipStoreWriter(str(root), clips_per_shard)
    for i, clip in enumerate(frames):
        writer.add(f'clip-{i}', clip)
    writer.leave_out('short-clip', 'too short')
    return writer.close()


def test_clips_read_back_from_shards_in_order(tmp_path):
    frames = clips(7)
    index = write_store(tmp_path, frames)
    assert [s['num_clips'] for s in index['shards']] == [3, 3, 1]
    store = ClipStore(str(tmp_path))
    assert len(store) == 7 and store.clip_shape == (4, 8, 8, 3)
    for i, clip in enumerate(frames):
        assert np.array_equal(store[i], clip)
    assert np.array_equal(store[-1], frames[-1])
    # the last shard holds only its clips
    assert np.load(tmp_path / 'shard_00002.npy').shape == (1, 4, 8, 8, 3)
    assert index['left_out'] == [
        dict(clip_id='short-clip', reason='too short')
    ]
    with pytest.raises(IndexError, match='clip 7 of a store of 7'):
        store[7]


def test_a_store_goes_to_worker_processes_without_its_maps(tmp_path):
    write_store(tmp_path, clips(4))
    store = ClipStore(str(tmp_path))
    store[0]
    assert store._maps and not store.__getstate__()['_maps']


def test_clips_of_another_shape_or_type_are_refused(tmp_path):
    writer = ClipStoreWriter(str(tmp_path))
    writer.add('a', clips(1)[0])
    with pytest.raises(ValueError, match=r'b: frames of shape \(4, 8, 9, 3\)'):
        writer.add('b', clips(1, (4, 8, 9, 3))[0])
    with pytest.raises(
            ValueError, match='c: expected .* uint8 frames, got '
            'float32'):
        writer.add('c', np.zeros((4, 8, 8, 3), np.float32))


def test_a_finished_store_is_not_written_over(tmp_path):
    write_store(tmp_path, clips(2))
    with pytest.raises(FileExistsError, match='index.json exists'):
        ClipStoreWriter(str(tmp_path))


def test_a_missing_index_or_shard_and_a_truncated_shard_are_named(tmp_path):
    with pytest.raises(
            FileNotFoundError,
            match='clip store index not found: .*index.json'):
        ClipStore(str(tmp_path))
    write_store(tmp_path, clips(4))
    shard = tmp_path / 'shard_00000.npy'
    size = shard.stat().st_size
    with open(shard, 'r+b') as f:
        f.truncate(size - 100)
    with pytest.raises(
            VideoDataError, match='shard_00000.npy: unreadable .* truncated'):
        ClipStore(str(tmp_path))
    os.remove(shard)
    with pytest.raises(
            VideoDataError,
            match='clip store shard missing: .*shard_00000.npy'):
        ClipStore(str(tmp_path))
    (tmp_path / 'index.json').write_text('{"format": "something else"}')
    with pytest.raises(VideoDataError, match='not a clip store index'):
        ClipStore(str(tmp_path))


def golf_dataset_cfg(root):
    cfg = Config.fromfile(os.path.join(REPO_ROOT, 'configs', 'vosgan_golf.py'))
    dataset = cfg.train_dataloader.dataset.to_dict()
    dataset.update(write_golf_strips(str(root), 5))
    return dataset


def test_golf_strips_convert_and_check_against_their_source(tmp_path):
    dataset = golf_dataset_cfg(tmp_path / 'golf')
    # one strip of 8 frames: under VGAN's 16, left out with its reason
    frames = cv2.imread(str(tmp_path / 'golf/frames-stable-many/0002.jpg'))
    cv2.imwrite(
        str(tmp_path / 'golf/frames-stable-many/0002.jpg'), frames[:8 * 128])
    index = convert_to_clip_store(
        dataset, str(tmp_path / 'store'), clips_per_shard=2, workers=2)
    assert index['clip_ids'] == [
        '0000.jpg', '0001.jpg', '0003.jpg', '0004.jpg'
    ]
    assert index['clip_shape'] == [32, 64, 64, 3]
    assert [c['clip_id'] for c in index['left_out']] == ['0002.jpg']
    assert '8 frames' in index['left_out'][0]['reason']
    checked = check_clip_store(dataset, str(tmp_path / 'store'), 0)
    assert checked == dict(num_clips=4, clips_checked=4, shards=2, left_out=1)
    # the data set reads the clips the golf pipeline loads
    store_data = DATASETS.build(
        dict(
            type='ClipStoreDataset',
            data_root=str(tmp_path),
            store_root='store',
            pipeline=[dict(type='PackVideoGANInputs')]))
    golf_data = DATASETS.build(
        dict(
            dataset,
            pipeline=[
                t for t in dataset['pipeline']
                if t['type'] != 'ComputeFlowTarget'
            ]))
    assert torch.equal(store_data[2]['inputs']['video'],
                       golf_data[3]['inputs']['video'])
    # a store that no longer matches its source is named
    shard = np.load(tmp_path / 'store/shard_00001.npy', mmap_mode='r+')
    shard[1, 0, 0, 0] += 1
    shard.flush()
    with pytest.raises(
            VideoDataError, match=r'clip 0004.jpg \(number 3\) differs'):
        check_clip_store(dataset, str(tmp_path / 'store'), 0)


def test_conversion_tool_writes_and_checks_a_store(tmp_path):
    from tests.tools.test_train_and_generate_tools import run_tool
    written = write_golf_strips(str(tmp_path / 'golf'), 3)
    result = run_tool(
        'tools/data/convert_to_clip_store.py', 'configs/vosgan_golf.py',
        str(tmp_path / 'store'), '--check', '2', '--cfg-options',
        f'train_dataloader.dataset.data_root='
        f'{written["data_root"]}')
    assert result.returncode == 0, result.stderr[-3000:]
    assert '3 clips of [32, 64, 64, 3] in 1 shards, 0 left out' in \
        result.stdout
    assert '2 of 3 clips equal their source' in result.stdout
    index = json.loads((tmp_path / 'store/index.json').read_text())
    assert index['source']['config'] == 'configs/vosgan_golf.py'


def test_stabilised_photo_scene_store_trains_on_the_same_inputs(tmp_path):
    """The stabilised lever's clip-store config feeds the GAN what the
    live config does (stabilised frames and their flow target), clip for
    clip and in the same order."""
    configs = os.path.join(REPO_ROOT, 'configs', 'vosgan')
    live_cfg = Config.fromfile(
        os.path.join(configs,
                     'vosgan_relu-reuse-stabilised_2400i_photo-scenes.py'))
    store_cfg = Config.fromfile(
        os.path.join(
            configs,
            'vosgan_relu-reuse-stabilised-clip-store_2400i_photo-scenes.py'))
    live = live_cfg.train_dataloader.dataset.to_dict()
    live['num_clips'] = 2
    index = convert_to_clip_store(live, str(tmp_path / 'stabilised_train'))
    assert index['clip_shape'] == [32, 64, 64, 3]
    stored = store_cfg.train_dataloader.dataset.to_dict()
    assert stored['store_root'] == 'stabilised_train'
    stored['data_root'] = str(tmp_path)
    live_data, store_data = DATASETS.build(live), DATASETS.build(stored)
    assert len(store_data) == len(live_data) == 2
    for i in range(2):
        a, b = live_data[i]['inputs'], store_data[i]['inputs']
        assert sorted(a) == sorted(b) == ['flow', 'video']
        for key in a:
            assert torch.equal(a[key], b[key]), key
    # and the store holds stabilised frames, not the rendered ones
    rendered = DATASETS.build(dict(live, pipeline=[])).get_data_info(1)
    assert not np.array_equal(store_data.get_data_info(1)['imgs'],
                              np.asarray(rendered['imgs']))


def test_rendered_clips_are_named_by_sequence_and_rendered_once(
        tmp_path, monkeypatch):
    """A rendered data set's clips are drawn once each by the conversion
    (their names come from the data set's list, not from a second
    rendering) and once each by the check, and keep their names."""
    from vosgan_mm.datasets import photo_scene_segmentation_dataset as photo
    renders = []
    render = photo.render_photo_scene_clip

    def counted(seed, *args, **kwargs):
        renders.append(seed)
        return render(seed, *args, **kwargs)

    monkeypatch.setattr(photo, 'render_photo_scene_clip', counted)
    cfg = Config.fromfile(
        os.path.join(REPO_ROOT, 'configs', 'vosgan',
                     'vosgan_relu-reuse_2400i_photo-scenes.py'))
    dataset = dict(cfg.train_dataloader.dataset.to_dict(), num_clips=3)
    index = convert_to_clip_store(dataset, str(tmp_path / 'store'))
    assert len(renders) == 3
    seed = dataset['seed']
    assert index['clip_ids'] == [
        f'photo-all-{seed}-{i:06d}' for i in range(3)
    ]
    renders.clear()
    checked = check_clip_store(dataset, str(tmp_path / 'store'), 2)
    assert checked['clips_checked'] == 2 and len(renders) == 2
