"""The one decode check of every tool and pipeline: a variable-frame-rate
AVI's empty "repeat frame" entries are not missing frames, a truncated
copy is refused (or, when asked, read as far as it decodes), and in a
pipeline clips are sampled from the frames that decode."""
import os
import os.path as osp
import struct

import cv2
import numpy as np
import pytest
from mmengine.config import Config
from mmengine.dataset import Compose
from mmengine.registry import init_default_scope

from tests.conftest import REPO_ROOT
from tests.datasets.test_video_decoding import (NUM_FRAMES, cut,
                                                write_moving_video)
from vosgan_mm.datasets import VideoDataError
from vosgan_mm.datasets.video_decoding import (TruncatedVideoError,
                                               check_video_frames,
                                               count_decodable_frames,
                                               count_empty_index_entries)
from vosgan_mm.registry import DATASETS
from vosgan_mm.utils import read_config

# real frames, each followed by this many empty entries (the last ones too,
# as a recorder that stops on a still scene writes them)
REPEATS = [0, 3, 0, 2, 5, 0, 1, 0, 4, 0, 2, 6]


def _chunk(fourcc, data):
    return fourcc + struct.pack('<I', len(data)) + data + b'\0' * (
        len(data) & 1)


def write_repeat_frame_avi(path, repeats=REPEATS, fps=10, size=(64, 48)):
    """A Motion-JPEG AVI as variable-frame-rate recorders write it: after
    real frame i, ``repeats[i]`` empty (zero-size) index entries that mean
    "show the previous frame again". The header counts every entry."""
    w, h = size
    entries = []
    for t, repeat in enumerate(repeats):
        frame = np.full((h, w, 3), 60, np.uint8)
        frame[10:30, 3 * t:3 * t + 20] = (30, 200, 250)
        entries.append(cv2.imencode('.jpg', frame)[1].tobytes())
        entries += [b''] * repeat
    movi, index, offset = [], [], 4  # offsets from the 'movi' tag
    for data in entries:
        movi.append(_chunk(b'00dc', data))
        index.append(
            struct.pack('<4sIII', b'00dc', 0x10 if data else 0, offset,
                        len(data)))
        offset += len(movi[-1])
    total = len(entries)
    avih = struct.pack('<14I', 1000000 // fps, 0, 0, 0x10, total, 0, 1, 0, w,
                       h, 0, 0, 0, 0)
    strh = struct.pack('<4s4sIHHIIIIIIII4h', b'vids', b'MJPG', 0, 0, 0, 0, 1,
                       fps, 0, total, 0, 0xFFFFFFFF, 0, 0, 0, w, h)
    strf = struct.pack('<IiiHH4sIiiII', 40, w, h, 1, 24, b'MJPG', w * h * 3,
                       0, 0, 0, 0)
    strl = b'strl' + _chunk(b'strh', strh) + _chunk(b'strf', strf)
    hdrl = b'hdrl' + _chunk(b'avih', avih) + _chunk(b'LIST', strl)
    riff = (b'AVI ' + _chunk(b'LIST', hdrl) +
            _chunk(b'LIST', b'movi' + b''.join(movi)) +
            _chunk(b'idx1', b''.join(index)))
    path.write_bytes(_chunk(b'RIFF', riff))
    return path


def test_a_repeat_frame_avi_is_whole_without_its_empty_entries(tmp_path):
    video = write_repeat_frame_avi(tmp_path / 'vfr.avi')
    real, empty = len(REPEATS), sum(REPEATS)
    count = count_decodable_frames(str(video))
    # what makes it look truncated: the header counts the empty entries
    assert (count.header, count.decodable) == (real + empty, real)
    assert count_empty_index_entries(str(video)) == empty
    checked = check_video_frames(str(video), min_frames=real)
    assert checked == (real + empty, empty, real)
    with pytest.raises(VideoDataError, match=f'{real} frames decode, at '
                       f'least {real + 1} needed'):
        check_video_frames(str(video), min_frames=real + 1)


def test_a_cut_repeat_frame_avi_is_truncated(tmp_path):
    # the index comes last: a cut copy has lost it, with its frames
    video = cut(write_repeat_frame_avi(tmp_path / 'vfr.avi'), 0.6)
    assert count_empty_index_entries(str(video)) == 0
    with pytest.raises(
            TruncatedVideoError,
            match=f'vfr.avi: truncated or damaged: its header claims '
            f'{len(REPEATS) + sum(REPEATS)} frames but only '):
        check_video_frames(str(video))


def test_videos_without_empty_entries_count_none(tmp_path):
    assert count_empty_index_entries(
        str(write_moving_video(tmp_path / 'v.avi', 'MJPG'))) == 0
    text = tmp_path / 'notes.avi'
    text.write_text('RIFF but not a video')
    assert count_empty_index_entries(str(text)) == 0
    assert count_empty_index_entries(str(tmp_path / 'missing.avi')) == 0


def test_a_truncated_video_allowed_gives_the_frames_that_decode(tmp_path):
    video = cut(write_moving_video(tmp_path / 'v.avi', 'MJPG'), 0.5)
    decodable = count_decodable_frames(str(video)).decodable
    assert 0 < decodable < NUM_FRAMES
    with pytest.raises(TruncatedVideoError) as error:
        check_video_frames(str(video))
    assert error.value.decodable == decodable
    checked = check_video_frames(str(video), allow_truncated=True)
    assert (checked.claimed, checked.decodable) == (NUM_FRAMES, decodable)
    with pytest.raises(VideoDataError, match='video too short'):
        check_video_frames(
            str(video), min_frames=decodable + 1, allow_truncated=True)


def pipeline(*checks, clip_len=len(REPEATS)):
    init_default_scope('vosgan_mm')
    return Compose([
        dict(type='OpenCVInit'), *checks,
        dict(
            type='SampleFrames',
            clip_len=clip_len,
            frame_interval=1,
            num_clips=1,
            test_mode=True),
        dict(type='OpenCVDecode')
    ])


def test_after_the_reader_clips_come_from_the_frames_that_decode(tmp_path):
    video = write_repeat_frame_avi(tmp_path / 'vfr.avi')
    check = dict(type='CheckVideoLength', min_frames=4)
    results = pipeline(check)(dict(filename=str(video), start_index=0))
    assert results['total_frames'] == len(REPEATS)  # the reader said 35
    frames = np.stack(results['imgs']).astype(int)
    # every real frame once: no frame stands in for a missing one
    assert (np.abs(np.diff(frames, axis=0)).max(axis=(1, 2, 3)) > 0).all()


def test_before_the_reader_a_repeat_frame_avi_asks_to_move_the_check(
        tmp_path):
    video = write_repeat_frame_avi(tmp_path / 'vfr.avi')
    check = Compose([dict(type='CheckVideoLength', min_frames=4)])
    with pytest.raises(
            VideoDataError,
            match=f'vfr.avi: only {len(REPEATS)} of the '
            f'{len(REPEATS) + sum(REPEATS)} frames its header lists decode; '
            'place CheckVideoLength after OpenCVInit'):
        check(dict(filename=str(video)))


def test_after_the_reader_a_truncated_video_is_refused_unless_allowed(
        tmp_path):
    video = cut(write_moving_video(tmp_path / 'v.avi', 'MJPG'), 0.6)
    decodable = count_decodable_frames(str(video)).decodable
    results = dict(filename=str(video), start_index=0)
    with pytest.raises(VideoDataError, match='v.avi: truncated or damaged'):
        pipeline(dict(type='CheckVideoLength', min_frames=4))(dict(results))
    allowed = dict(type='CheckVideoLength', min_frames=4, allow_truncated=True)
    out = pipeline(allowed, clip_len=decodable)(dict(results))
    assert out['total_frames'] == decodable
    frames = np.stack(out['imgs']).astype(int)
    assert (np.abs(np.diff(frames, axis=0)).max(axis=(1, 2, 3)) > 0).all()


RECOGNITION_CONFIGS = sorted(
    name for name in os.listdir(
        osp.join(REPO_ROOT, 'configs', 'recognition'))
    if name.endswith('.py'))


@pytest.mark.parametrize('name', RECOGNITION_CONFIGS)
def test_every_ucf101_recognition_pipeline_checks_right_after_the_reader(
        name):
    cfg = read_config(osp.join(REPO_ROOT, 'configs', 'recognition', name))
    for loader in ('train', 'val', 'test'):
        steps = [
            t['type'].split('.')[-1]
            for t in cfg[f'{loader}_dataloader'].dataset.pipeline
        ]
        assert steps[:2] == ['OpenCVInit', 'CheckVideoLength'], (loader, name)


def test_the_ucf101_pipeline_refuses_a_truncated_video(tmp_path):
    root = tmp_path / 'UCF-101'
    (root / 'Biking').mkdir(parents=True)
    write_moving_video(root / 'Biking' / 'v_Biking_g01_c01.avi', 'MJPG')
    cut(
        write_moving_video(root / 'Biking' / 'v_Biking_g02_c01.avi', 'MJPG'),
        0.5)
    ann = tmp_path / 'train.txt'
    ann.write_text('Biking/v_Biking_g01_c01.avi 0\n'
                   'Biking/v_Biking_g02_c01.avi 0\n')
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs', '_base_', 'datasets',
                 'ucf101_recognition.py'))
    init_default_scope('vosgan_mm')
    dataset = DATASETS.build(
        dict(
            type='VideoDataset',
            ann_file=str(ann),
            data_prefix=dict(video=str(root)),
            pipeline=cfg.train_pipeline))
    assert dataset[0]['inputs'].shape[-3:] == (32, 64, 64)
    with pytest.raises(
            VideoDataError,
            match=r'v_Biking_g02_c01\.avi: truncated or damaged: its header '
            f'claims {NUM_FRAMES} frames but only'):
        dataset[1]
