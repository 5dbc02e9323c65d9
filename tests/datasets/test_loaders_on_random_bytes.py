"""Every loader fed random bytes raises the project's own error, naming
the file: never a hang, a crash or a wrong clip."""
import cv2
import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.registry import DATASETS

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture])


def raises_named_error(dataset, name):
    try:
        dataset[0]
    except VideoDataError as error:
        assert name in str(error)
        return
    raise AssertionError('random bytes were loaded as a clip')


@FUZZ
@given(payload=st.binary(min_size=0, max_size=4000))
def test_golf_strip_of_random_bytes(tmp_path, payload):
    root = tmp_path / 'golf'
    (root / 'frames').mkdir(parents=True, exist_ok=True)
    (root / 'frames' / 'clip.jpg').write_bytes(payload)
    (root / 'golf.txt').write_text('clip.jpg\n')
    dataset = DATASETS.build(
        dict(
            type='GolfStripDataset',
            data_root=str(root),
            ann_file='golf.txt',
            data_prefix=dict(video='frames'),
            test_mode=True,
            pipeline=[dict(type='LoadGolfStrip')]))
    raises_named_error(dataset, 'clip.jpg')


@FUZZ
@given(payload=st.binary(min_size=0, max_size=4000))
def test_video_file_of_random_bytes(tmp_path, payload):
    root = tmp_path / 'videos'
    root.mkdir(exist_ok=True)
    (root / 'clip.mp4').write_bytes(payload)
    dataset = DATASETS.build(
        dict(
            type='VideoFolderDataset',
            data_root=str(root),
            pipeline=[
                dict(type='OpenCVInit'),
                dict(type='CheckVideoLength', min_frames=16),
                dict(
                    type='SampleFrames',
                    clip_len=32,
                    frame_interval=1,
                    num_clips=1),
                dict(type='OpenCVDecode')
            ]))
    raises_named_error(dataset, 'clip.mp4')


@FUZZ
@given(
    payload=st.binary(min_size=0, max_size=4000), corrupt_mask=st.booleans())
def test_segmentation_frame_or_mask_of_random_bytes(tmp_path, payload,
                                                    corrupt_mask):
    seq = tmp_path / 'seqs' / 'a'
    (seq / 'frames').mkdir(parents=True, exist_ok=True)
    (seq / 'masks').mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(seq / 'frames' / '0.png'), np.zeros((8, 8, 3), np.uint8))
    cv2.imwrite(str(seq / 'masks' / '0.png'), np.zeros((8, 8), np.uint8))
    broken = seq / ('masks' if corrupt_mask else 'frames') / '0.png'
    broken.write_bytes(payload)
    dataset = DATASETS.build(
        dict(
            type='FrameMaskFolderDataset',
            data_root=str(tmp_path / 'seqs'),
            split='all',
            pipeline=[dict(type='LoadShotFrames'),
                      dict(type='LoadShotMasks')]))
    raises_named_error(dataset, '0.png')
