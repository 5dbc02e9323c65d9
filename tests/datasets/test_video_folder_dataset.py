import cv2
import numpy as np
import pytest

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.registry import DATASETS

PIPELINE = [
    dict(type='CheckVideoLength', min_frames=16),
    dict(type='OpenCVInit'),
    dict(
        type='SampleFrames',
        clip_len=32,
        frame_interval=1,
        num_clips=1,
        out_of_bound_opt='repeat_last'),
    dict(type='OpenCVDecode'),
    dict(type='Resize', scale=(-1, 64)),
    dict(type='CenterCrop', crop_size=64),
    dict(type='ComputeFlowTarget'),
    dict(type='PackVideoGANInputs'),
]


def write_video(path, num_frames, size=(96, 80)):
    path.parent.mkdir(parents=True, exist_ok=True)
    w, h = size
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*'mp4v'), 10, (w, h))
    for t in range(num_frames):
        frame = np.full((h, w, 3), 60, np.uint8)
        cv2.circle(frame, (10 + 2 * t, h // 2), 8, (0, 200, 255), -1)
        writer.write(frame)
    writer.release()


def clip_ids(dataset):
    return [dataset.get_data_info(i)['clip_id'] for i in range(len(dataset))]


def build(root, **kwargs):
    return DATASETS.build(
        dict(
            type='VideoFolderDataset',
            data_root=str(root),
            pipeline=PIPELINE,
            **kwargs))


def test_scans_the_folder_and_decodes_64x64x32_clips_with_flow(tmp_path):
    write_video(tmp_path / 'b' / 'two.mp4', 40)
    write_video(tmp_path / 'a' / 'one.avi', 36)
    (tmp_path / 'notes.txt').write_text('not a video')
    dataset = build(tmp_path)
    assert clip_ids(dataset) == ['a/one.avi', 'b/two.mp4']
    sample = dataset[1]
    assert sample['inputs']['video'].shape == (3, 32, 64, 64)
    assert sample['inputs']['flow'].shape == (2, 31, 64, 64)


def test_annotation_list_selects_videos_and_ignores_labels(tmp_path):
    write_video(tmp_path / 'one.mp4', 20)
    write_video(tmp_path / 'two.mp4', 20)
    write_video(tmp_path / 'with space.mp4', 20)
    (tmp_path / 'list.txt').write_text('two.mp4 3\nwith space.mp4\n')
    dataset = build(tmp_path, ann_file='list.txt')
    assert clip_ids(dataset) == ['two.mp4', 'with space.mp4']


def test_too_short_video_is_an_error_naming_it(tmp_path):
    write_video(tmp_path / 'short.mp4', 8)
    with pytest.raises(
            VideoDataError,
            match=r'short\.mp4: video too short: 8 frames decode, at least '
            r'16 needed'):
        build(tmp_path)[0]


def test_unreadable_video_is_an_error_naming_it(tmp_path):
    (tmp_path / 'broken.mp4').write_bytes(b'\x00' * 300)
    with pytest.raises(VideoDataError, match=r'broken\.mp4'):
        build(tmp_path)[0]


def test_missing_folder_and_empty_folder_are_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match='video folder.*missing'):
        build(tmp_path / 'missing')
    with pytest.raises(ValueError, match='no video found'):
        build(tmp_path)


def test_an_unfinished_tool_output_is_not_listed(tmp_path):
    # split_video.py stages its clips in a .partial-* folder inside the
    # output folder; a run killed there leaves it behind
    write_video(tmp_path / 'one.avi', 36)
    write_video(tmp_path / '.partial-1234' / 'one_0000.avi', 36)
    write_video(tmp_path / 'b' / '.partial-99' / 'x.avi', 36)
    assert clip_ids(build(tmp_path)) == ['one.avi']


def test_the_crops_configs_pipeline_crops_flips_and_computes_flow(tmp_path):
    """MMAction2's RandomResizedCrop and Flip run on our clips (Flip reads
    the ``modality`` MMAction2's data sets set) and the flow target is of
    the flipped frames: the disc moves right in the video, so a flipped
    clip's mean horizontal flow is negative."""
    from mmengine.config import Config

    from tests.conftest import REPO_ROOT
    cfg = Config.fromfile(
        f'{REPO_ROOT}/configs/vosgan/vosgan_relu-reuse-crops_2400i_videos.py')
    write_video(tmp_path / 'one.mp4', 40, size=(128, 96))
    dataset = DATASETS.build(
        dict(cfg.train_dataloader.dataset, data_root=str(tmp_path)))
    assert dataset.get_data_info(0)['modality'] == 'RGB'
    directions = set()
    for _ in range(12):
        sample = dataset[0]
        assert sample['inputs']['video'].shape == (3, 32, 64, 64)
        flow_x = sample['inputs']['flow'][0]
        moving = flow_x.abs() > 0.2
        if moving.any():
            directions.add(bool(flow_x[moving].mean() > 0))
    assert directions == {True, False}  # both flipped and unflipped clips
