import cv2
import numpy as np
import pytest

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.registry import DATASETS

PIPELINE = [
    dict(type='LoadGolfStrip', frame_size=128, num_frames=32, min_frames=16),
    dict(type='Resize', scale=(64, 64), keep_ratio=False),
    dict(type='PackVideoGANInputs'),
]


def frame_colour(i):
    """A flat RGB colour per frame index, distinct and JPEG-stable."""
    return np.array([(37 * i) % 256, (91 * i + 40) % 256,
                     (13 * i + 200) % 256])


def write_strip(path, num_frames, width=128, frame_height=128):
    rgb = np.concatenate([
        np.broadcast_to(frame_colour(i), (frame_height, width, 3))
        for i in range(num_frames)
    ]).astype(np.uint8)
    cv2.imwrite(
        str(path), rgb[..., ::-1].copy(), [cv2.IMWRITE_JPEG_QUALITY, 95])


def make_golf(root, clips):
    """VGAN's layout: golf.txt lists strips under frames-stable-many/."""
    frames_root = root / 'frames-stable-many'
    lines = []
    for rel, num_frames in clips.items():
        path = frames_root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        write_strip(path, num_frames)
        lines.append(rel)
    (root / 'golf.txt').write_text('\n'.join(lines) + '\n')
    return root


def build(root, **kwargs):
    return DATASETS.build(
        dict(
            type='GolfStripDataset',
            data_root=str(root),
            ann_file='golf.txt',
            data_prefix=dict(video='frames-stable-many'),
            pipeline=PIPELINE,
            **kwargs))


def mean_colours(video):
    """(3, T, H, W) uint8 -> (T, 3) mean colour of each frame."""
    return video.float().mean(dim=(2, 3)).T.numpy()


def test_reads_the_golf_layout_into_64x64x32_clips(tmp_path):
    make_golf(tmp_path, {'a/0001.jpg': 34, 'b/0002.jpg': 20})
    dataset = build(tmp_path)
    assert len(dataset) == 2
    sample = dataset[0]
    video = sample['inputs']['video']
    assert video.shape == (3, 32, 64, 64) and video.dtype.is_floating_point \
        is False
    assert sample['data_samples'].clip_id == 'a/0001.jpg'
    expected = np.stack([frame_colour(i) for i in range(32)])
    assert np.abs(mean_colours(video) - expected).max() < 4


def test_short_clip_is_padded_by_repeating_its_last_frame(tmp_path):
    make_golf(tmp_path, {'b/0002.jpg': 20})
    colours = mean_colours(build(tmp_path)[0]['inputs']['video'])
    expected = np.stack([frame_colour(min(i, 19)) for i in range(32)])
    assert np.abs(colours - expected).max() < 4


def test_clips_under_16_frames_are_dropped(tmp_path):
    make_golf(tmp_path, {'short.jpg': 10, 'long.jpg': 34})
    dataset = build(tmp_path)
    # the data set draws another clip instead of the dropped one
    for _ in range(5):
        assert dataset[0]['data_samples'].clip_id == 'long.jpg'


def test_wrong_frame_size_names_the_file(tmp_path):
    make_golf(tmp_path, {'ok.jpg': 20})
    bad = tmp_path / 'frames-stable-many' / 'ok.jpg'
    write_strip(bad, 20, width=120)
    with pytest.raises(
            VideoDataError, match=r'ok\.jpg: wrong frame size.*width 120'):
        build(tmp_path)[0]


def test_unreadable_strip_names_the_file(tmp_path):
    make_golf(tmp_path, {'ok.jpg': 20})
    (tmp_path / 'frames-stable-many' / 'ok.jpg').write_bytes(b'not a jpeg')
    with pytest.raises(VideoDataError, match=r'ok\.jpg: cannot read'):
        build(tmp_path)[0]


def test_missing_data_folder_is_named(tmp_path):
    missing = tmp_path / 'nowhere'
    with pytest.raises(FileNotFoundError, match='golf data folder.*nowhere'):
        build(missing)


def test_missing_index_file_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match=r'golf index file.*golf\.txt'):
        build(tmp_path)


def test_empty_index_file_is_an_error(tmp_path):
    (tmp_path / 'golf.txt').write_text('\n')
    with pytest.raises(ValueError, match='lists no clip'):
        build(tmp_path)


def test_grey_strip_is_read_as_rgb_with_equal_channels(tmp_path):
    make_golf(tmp_path, {'grey.jpg': 20})
    path = tmp_path / 'frames-stable-many' / 'grey.jpg'
    grey = np.concatenate(
        [np.full((128, 128), 10 * t, np.uint8) for t in range(20)])
    cv2.imwrite(str(path), grey)
    video = build(tmp_path)[0]['inputs']['video']  # (3, T, H, W)
    assert video.shape == (3, 32, 64, 64)
    assert (video[0] == video[1]).all() and (video[1] == video[2]).all()
    assert np.abs(mean_colours(video)[:20, 0] - 10 * np.arange(20)).max() < 3


def test_truncated_strip_is_an_error_not_a_grey_filled_clip(tmp_path):
    make_golf(tmp_path, {'cut.jpg': 20})
    path = tmp_path / 'frames-stable-many' / 'cut.jpg'
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(
            VideoDataError,
            match=r'cut\.jpg: cannot read the golf strip \(OSError: image '
            'file is truncated'):
        build(tmp_path)[0]
