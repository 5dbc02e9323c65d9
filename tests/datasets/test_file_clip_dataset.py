"""A clip that fails to load is, by ``on_bad_clip``, an error naming its
file or skipped (logged, counted, replaced by another clip), for every data
set read from files."""
import logging
import re

import cv2
import numpy as np
import pytest
from mmengine.dataset import RepeatDataset
from mmengine.logging import MMLogger
from torch.utils.data import DataLoader

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.registry import DATASETS


def write_strip(path, num_frames):
    """A golf strip: 128x128 frames stacked vertically, flat colours."""
    path.parent.mkdir(parents=True, exist_ok=True)
    strip = np.concatenate([
        np.full((128, 128, 3), (40 * t % 256, 90, 200), np.uint8)
        for t in range(num_frames)
    ])
    cv2.imwrite(str(path), strip)


def write_video(path, num_frames):
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*'mp4v'), 10, (32, 32))
    for t in range(num_frames):
        writer.write(np.full((32, 32, 3), 8 * t, np.uint8))
    writer.release()


def write_shot(frame_dir, mask_dir, num_frames=2):
    frame_dir.mkdir(parents=True, exist_ok=True)
    mask_dir.mkdir(parents=True, exist_ok=True)
    for t in range(num_frames):
        frame = np.full((16, 24, 3), 50, np.uint8)
        mask = np.zeros((16, 24), np.uint8)
        frame[4:12, 4 + t:12 + t] = 220
        mask[4:12, 4 + t:12 + t] = 255
        cv2.imwrite(str(frame_dir / f'{t:05d}.jpg'), frame)
        cv2.imwrite(str(mask_dir / f'{t:05d}.png'), mask)


def truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])


def empty(path):
    path.write_bytes(b'')


def soften(path):
    """An antialiased mask: 0, 255 and a grey edge of 128."""
    mask = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
    mask[:, 1] = 128
    cv2.imwrite(str(path), mask)


def golf(root, corrupt, **kwargs):
    for name in ('bad.jpg', 'good.jpg'):
        write_strip(root / 'frames' / name, 20)
    (root / 'golf.txt').write_text('bad.jpg\ngood.jpg\n')
    corrupt(root / 'frames' / 'bad.jpg')
    return DATASETS.build(
        dict(
            type='GolfStripDataset',
            data_root=str(root),
            ann_file='golf.txt',
            data_prefix=dict(video='frames'),
            pipeline=[
                dict(type='LoadGolfStrip'),
                dict(type='PackVideoGANInputs')
            ],
            **kwargs))


def too_short(path):
    write_video(path, 8)


def resize(path):
    """The frame at another size than the sequence's others."""
    cv2.imwrite(str(path), np.full((20, 24, 3), 50, np.uint8))


def cut_real_codec_videos(fourcc):
    """Videos ``bad.avi`` (cut to 60 %, its header still claiming all 40
    frames) and ``good.avi``, written by OpenCV with a real codec."""
    from tests.datasets.test_video_decoding import cut, write_moving_video

    def build(root, corrupt, **kwargs):
        for name in ('bad.avi', 'good.avi'):
            write_moving_video(root / name, fourcc)
        corrupt(root / 'bad.avi')
        return DATASETS.build(
            dict(
                type='VideoFolderDataset',
                data_root=str(root),
                pipeline=[
                    dict(type='CheckVideoLength', min_frames=16),
                    dict(type='OpenCVInit'),
                    dict(
                        type='SampleFrames',
                        clip_len=16,
                        frame_interval=1,
                        num_clips=1),
                    dict(type='OpenCVDecode'),
                    dict(type='PackVideoGANInputs')
                ],
                **kwargs))

    return build, lambda path: cut(path, 0.6)


def videos(reader):
    """Videos ``bad.mp4`` and ``good.mp4`` read by ``OpenCV`` or
    ``Decord``."""

    def build(root, corrupt, **kwargs):
        for name in ('bad.mp4', 'good.mp4'):
            write_video(root / name, 20)
        corrupt(root / 'bad.mp4')
        return DATASETS.build(
            dict(
                type='VideoFolderDataset',
                data_root=str(root),
                pipeline=[
                    dict(type=f'{reader}Init'),
                    dict(type='CheckVideoLength', min_frames=16),
                    dict(
                        type='SampleFrames',
                        clip_len=32,
                        frame_interval=1,
                        num_clips=1,
                        out_of_bound_opt='repeat_last'),
                    dict(type=f'{reader}Decode'),
                    dict(type='PackVideoGANInputs')
                ],
                **kwargs))

    return build


SEGMENTATION_LAYOUTS = {
    'FrameMaskFolderDataset': ('{seq}/frames', '{seq}/masks'),
    'DAVIS2016Dataset': ('JPEGImages/480p/{seq}', 'Annotations/480p/{seq}'),
    'SegTrackV2Dataset': ('JPEGImages/{seq}', 'GroundTruth/{seq}'),
}


def segmentation(dataset_type, file_kind):
    """Sequences ``bad`` (shot 0) and ``good`` (shot 1); the corruption hits
    the bad one's first frame or mask."""

    def build(root, corrupt, **kwargs):
        frames, masks = SEGMENTATION_LAYOUTS[dataset_type]
        for seq in ('bad', 'good'):
            write_shot(root / frames.format(seq=seq),
                       root / masks.format(seq=seq))
        if file_kind == 'frame':
            corrupt(root / frames.format(seq='bad') / '00000.jpg')
        elif file_kind == 'second frame':
            corrupt(root / frames.format(seq='bad') / '00001.jpg')
        else:
            corrupt(root / masks.format(seq='bad') / '00000.png')
        return DATASETS.build(
            dict(
                type=dataset_type,
                data_root=str(root),
                split='all',
                shot_length=2,
                pipeline=[
                    dict(type='LoadShotFrames', size=(8, 8)),
                    dict(type='LoadShotMasks', size=(8, 8)),
                    dict(type='PackSegmentationInputs')
                ],
                **kwargs))

    return build


def clip_of(sample):
    """The name of a loaded clip: ``good...`` or ``bad...``."""
    data_sample = sample['data_samples']
    return data_sample.get('clip_id') or data_sample.sequence


# data set and corruption of its first clip
CASES = {
    'golf-truncated-strip': (golf, truncate),
    'golf-zero-byte-strip': (golf, empty),
}
for _reader in ('OpenCV', 'Decord'):
    CASES[f'{_reader}-zero-byte-video'] = (videos(_reader), empty)
    CASES[f'{_reader}-video-under-min-frames'] = (videos(_reader), too_short)
for _fourcc in ('MJPG', 'mp4v'):
    CASES[f'OpenCV-cut-{_fourcc}-video'] = cut_real_codec_videos(_fourcc)
for _type in SEGMENTATION_LAYOUTS:
    _frames, _masks = segmentation(_type, 'frame'), segmentation(_type, 'mask')
    CASES[f'{_type}-soft-mask'] = (_masks, soften)
    CASES[f'{_type}-zero-byte-mask'] = (_masks, empty)
    CASES[f'{_type}-truncated-frame'] = (_frames, truncate)
    CASES[f'{_type}-frame-of-another-size'] = (segmentation(
        _type, 'second frame'), resize)


def build_case(case, root, **kwargs):
    """The data set of a case, and the path of the file it corrupted."""
    build, corrupt = CASES[case]
    corrupted = []

    def corrupt_and_note(path):
        corrupted.append(str(path))
        corrupt(path)

    return build(root, corrupt_and_note, **kwargs), corrupted[0]


@pytest.fixture
def log():
    """The records that the data sets log (through ``print_log``)."""
    logger = MMLogger.get_current_instance()
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


@pytest.mark.parametrize('case', CASES)
def test_raise_is_an_error_naming_the_file(tmp_path, case):
    dataset, bad_file = build_case(case, tmp_path)
    with pytest.raises(VideoDataError, match=re.escape(bad_file)):
        dataset[0]
    assert dataset.skipped_clips.count == 0


@pytest.mark.parametrize('case', CASES)
def test_skip_draws_a_good_clip_counts_and_logs_the_bad_one(
        tmp_path, case, log):
    dataset, bad_file = build_case(case, tmp_path, on_bad_clip='skip')
    for _ in range(3):
        assert clip_of(dataset[0]).startswith('good')
    assert dataset.skipped_clips.count >= 3
    [(index, reason)] = dataset.skipped_clips.records()
    assert index == 0 and bad_file in reason
    # logged once, at its first skip
    [record] = [r for r in log if bad_file in r.getMessage()]
    assert record.levelno == logging.WARNING
    assert record.getMessage().startswith(
        'bad clip skipped, another is drawn: ')


@pytest.mark.parametrize('reader', ['OpenCV', 'Decord'])
def test_an_empty_video_file_is_said_to_be_empty(tmp_path, reader):
    dataset = videos(reader)(tmp_path, empty)
    with pytest.raises(
            VideoDataError, match=r'bad\.mp4: .*\(the file is empty\)$'):
        dataset[0]


def test_on_bad_clip_is_raise_or_skip(tmp_path):
    with pytest.raises(
            ValueError,
            match='on_bad_clip must be "raise" or "skip", got \'ignore\''):
        golf(tmp_path, truncate, on_bad_clip='ignore')


def test_skip_is_refused_at_test_time(tmp_path):
    with pytest.raises(
            ValueError, match='on_bad_clip="skip" needs test_mode=False'):
        golf(tmp_path, truncate, on_bad_clip='skip', test_mode=True)


def test_short_golf_strip_is_dropped_in_training_and_an_error_in_test(
        tmp_path, log):

    def shorten(path):
        write_strip(path, 10)

    dataset = golf(tmp_path, shorten)
    assert clip_of(dataset[0]) == 'good.jpg'
    [(index, reason)] = dataset.skipped_clips.records()
    assert index == 0 and reason.endswith(
        'bad.jpg: 10 frames, under min_frames 16')
    [record] = [r for r in log if 'bad.jpg' in r.getMessage()]
    assert record.levelno == logging.INFO
    assert record.getMessage() == f'clip dropped: {reason}'
    test_set = golf(tmp_path, shorten, test_mode=True)
    with pytest.raises(
            VideoDataError, match=r'bad\.jpg: 10 frames, under min_frames'):
        test_set[0]


def test_other_errors_name_the_shot_of_a_segmentation_data_set(tmp_path):
    build = segmentation('FrameMaskFolderDataset', 'mask')
    dataset = build(tmp_path, lambda path: None)
    dataset.pipeline.transforms.pop(0)  # no frames: masks find no ori_shape
    with pytest.raises(
            VideoDataError,
            match="sequence bad, shot 0: KeyError: 'ori_shape'"):
        dataset[0]


def test_skips_in_dataloader_workers_are_counted_in_the_main_process(tmp_path):
    dataset = golf(tmp_path, truncate, on_bad_clip='skip')
    loader = DataLoader(
        RepeatDataset(dataset, times=4),
        batch_size=2,
        num_workers=2,
        persistent_workers=True,
        collate_fn=lambda batch: [clip_of(s) for s in batch])
    for _ in range(2):  # the same worker processes serve both epochs
        clips = [clip for batch in loader for clip in batch]
        assert clips == ['good.jpg'] * 8
    # the bad clip is drawn four times an epoch, and maybe on refetching
    assert dataset.skipped_clips.count >= 8
    [(index, reason)] = dataset.skipped_clips.records()
    assert index == 0 and 'bad.jpg: cannot read the golf strip' in reason


def test_a_subset_counts_its_skips_apart(tmp_path):
    dataset = golf(tmp_path, truncate, on_bad_clip='skip')
    dataset[0]
    before = dataset.skipped_clips.count
    subset = dataset.get_subset([0, 1])  # MMEngine deep-copies the rest
    assert subset.skipped_clips.count == 0
    subset[0]
    assert subset.skipped_clips.count >= 1
    assert dataset.skipped_clips.count == before
