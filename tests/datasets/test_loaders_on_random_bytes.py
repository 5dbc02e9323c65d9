"""Every loader fed random bytes raises the project's own error, naming
the file, or (``on_bad_clip='skip'``) counts the file and gives another,
good clip: never a hang, a crash or a wrong clip."""
import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.registry import DATASETS

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture])
ON_BAD_CLIP = pytest.mark.parametrize('on_bad_clip', ['raise', 'skip'])


def raises_named_error(dataset, name):
    try:
        dataset[0]
    except VideoDataError as error:
        assert name in str(error)
        return
    raise AssertionError('random bytes were loaded as a clip')


def gives_a_good_clip_or_the_named_error(dataset, name, clip_of, good):
    """Clip 0 holds the random bytes, clip 1 is good."""
    if dataset.on_bad_clip == 'raise':
        raises_named_error(dataset, name)
        return
    assert clip_of(dataset[0]) == good
    [(index, reason)] = dataset.skipped_clips.records()
    assert index == 0 and name in reason


@ON_BAD_CLIP
@FUZZ
@given(payload=st.binary(min_size=0, max_size=4000))
def test_golf_strip_of_random_bytes(tmp_path, payload, on_bad_clip):
    root = tmp_path / 'golf'
    (root / 'frames').mkdir(parents=True, exist_ok=True)
    (root / 'frames' / 'clip.jpg').write_bytes(payload)
    cv2.imwrite(
        str(root / 'frames' / 'good.jpg'),
        np.zeros((128 * 16, 128, 3), np.uint8))
    (root / 'golf.txt').write_text('clip.jpg\ngood.jpg\n')
    dataset = DATASETS.build(
        dict(
            type='GolfStripDataset',
            data_root=str(root),
            ann_file='golf.txt',
            data_prefix=dict(video='frames'),
            test_mode=on_bad_clip == 'raise',
            on_bad_clip=on_bad_clip,
            pipeline=[dict(type='LoadGolfStrip')]))
    gives_a_good_clip_or_the_named_error(dataset, 'clip.jpg',
                                         lambda s: s['clip_id'], 'good.jpg')


def write_good_video(path):
    if path.exists():
        return
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*'mp4v'), 10, (16, 16))
    for t in range(16):
        writer.write(np.full((16, 16, 3), 10 * t, np.uint8))
    writer.release()


@ON_BAD_CLIP
@FUZZ
@given(payload=st.binary(min_size=0, max_size=4000))
def test_video_file_of_random_bytes(tmp_path, payload, on_bad_clip):
    root = tmp_path / 'videos'
    root.mkdir(exist_ok=True)
    (root / 'clip.mp4').write_bytes(payload)
    write_good_video(root / 'good.mp4')
    dataset = DATASETS.build(
        dict(
            type='VideoFolderDataset',
            data_root=str(root),
            on_bad_clip=on_bad_clip,
            pipeline=[
                dict(type='OpenCVInit'),
                dict(type='CheckVideoLength', min_frames=16),
                dict(
                    type='SampleFrames',
                    clip_len=32,
                    frame_interval=1,
                    num_clips=1,
                    out_of_bound_opt='repeat_last'),
                dict(type='OpenCVDecode')
            ]))
    gives_a_good_clip_or_the_named_error(dataset, 'clip.mp4',
                                         lambda s: s['clip_id'], 'good.mp4')


@ON_BAD_CLIP
@FUZZ
@given(
    payload=st.binary(min_size=0, max_size=4000), corrupt_mask=st.booleans())
def test_segmentation_frame_or_mask_of_random_bytes(tmp_path, payload,
                                                    corrupt_mask, on_bad_clip):
    for name in ('a', 'b'):  # a gets the random bytes, b is good
        seq = tmp_path / 'seqs' / name
        (seq / 'frames').mkdir(parents=True, exist_ok=True)
        (seq / 'masks').mkdir(parents=True, exist_ok=True)
        cv2.imwrite(
            str(seq / 'frames' / '0.png'), np.zeros((8, 8, 3), np.uint8))
        cv2.imwrite(str(seq / 'masks' / '0.png'), np.zeros((8, 8), np.uint8))
    folder = 'masks' if corrupt_mask else 'frames'
    broken = tmp_path / 'seqs' / 'a' / folder / '0.png'
    broken.write_bytes(payload)
    dataset = DATASETS.build(
        dict(
            type='FrameMaskFolderDataset',
            data_root=str(tmp_path / 'seqs'),
            split='all',
            on_bad_clip=on_bad_clip,
            pipeline=[dict(type='LoadShotFrames'),
                      dict(type='LoadShotMasks')]))
    gives_a_good_clip_or_the_named_error(dataset, '0.png',
                                         lambda s: s['sequence'], 'b')
