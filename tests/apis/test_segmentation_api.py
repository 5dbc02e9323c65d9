"""Segmenting a video file or frame folder shot by shot: the input checked
before anything is written, one shot in memory at a time, one mask per
frame."""
import cv2
import numpy as np
import pytest

import vosgan_mm.apis.segmentation as segmentation
from vosgan_mm.apis import FrameSource, segment_video
from vosgan_mm.datasets import VideoDataError
from vosgan_mm.registry import MODELS


def write_video(path, num_frames, size=(48, 32), fourcc='MJPG'):
    w, h = size
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*fourcc), 10, (w, h))
    for t in range(num_frames):
        frame = np.full((h, w, 3), 90, np.uint8)
        frame[8:20, 2 + t % 30:14 + t % 30] = (0, 0, 255)
        writer.write(frame)
    writer.release()
    return path


def write_frames(folder, sizes):
    folder.mkdir()
    for t, (w, h) in enumerate(sizes):
        cv2.imwrite(str(folder / f'{t:05d}.png'), np.full((h, w, 3), 9 * t,
                                                          np.uint8))
    return folder


def test_a_video_source_has_its_count_size_and_frames(tmp_path):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 7)))
    assert (source.num_frames, source.size, source.fps) == (7, (32, 48), 10)
    frames = list(source)
    assert len(frames) == 7 and frames[0].shape == (32, 48, 3)
    assert frames[0][10, 5].tolist()[0] > 200  # RGB: the red square


def test_a_cut_video_is_refused_with_both_counts(tmp_path):
    video = write_video(tmp_path / 'v.avi', 40)
    data = video.read_bytes()
    video.write_bytes(data[:len(data) // 2])
    with pytest.raises(
            VideoDataError,
            match=r'v\.avi: truncated or damaged: its header claims 40 '
            r'frames but only \d+ decode'):
        FrameSource(str(video))


def test_frames_of_another_size_name_the_first_odd_frame(tmp_path):
    folder = write_frames(tmp_path / 'f', [(40, 30), (40, 30), (41, 30),
                                           (50, 50)])
    with pytest.raises(
            VideoDataError,
            match=r'f/00002\.png: frame of 41x30 pixels in a sequence of '
            r'40x30 \(first frame 00000\.png\)'):
        FrameSource(str(folder))


@pytest.mark.parametrize('kind', ['video', 'folder'])
def test_a_tiny_input_is_an_error_about_the_input(tmp_path, kind):
    if kind == 'video':
        source = write_video(tmp_path / 'tiny.avi', 3, size=(8, 8))
    else:
        source = write_frames(tmp_path / 'tiny', [(1, 1)] * 3)
    with pytest.raises(
            VideoDataError, match=r'tiny(\.avi)?: frames of \d+x\d+ pixels '
            r'are too small to segment \(at least 16x16\)'):
        FrameSource(str(source))


def test_a_missing_input_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match='video not found: .*nope'):
        FrameSource(str(tmp_path / 'nope.mp4'))


def test_segmentation_streams_one_shot_at_a_time_and_writes_every_frame(
        tmp_path, monkeypatch):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 70)))
    read = []
    frames = source.__iter__

    def counted():
        for frame in frames():
            read.append(1)
            yield frame

    monkeypatch.setattr(FrameSource, '__iter__', lambda self: counted())
    shot_reads = []
    segment = segmentation.shot_probabilities

    def recording(model, shot, size, sequence, num_valid):
        shot_reads.append(len(read))
        assert len(shot) == 32
        return segment(model, shot, size, sequence, num_valid)

    monkeypatch.setattr(segmentation, 'shot_probabilities', recording)
    model = MODELS.build(dict(type='FlowMagnitudeSegmenter'))
    written = segment_video(
        model, source, str(tmp_path / 'out'), shot_length=32, progress=False)
    # shots of 32, 32 and 6 (+26 copies): each read just before it is used
    assert shot_reads == [32, 64, 70]
    assert written['num_frames'] == 70
    masks = sorted((tmp_path / 'out' / 'masks').iterdir())
    assert [m.name for m in masks[:2]] == ['00000.png', '00001.png']
    assert len(masks) == 70
    mask = cv2.imread(str(masks[5]), cv2.IMREAD_GRAYSCALE)
    assert mask.shape == (32, 48) and set(np.unique(mask)) <= {0, 255}
    for name in ('mask_video', 'overlay_video'):
        capture = cv2.VideoCapture(written[name])
        assert int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) == 70


def test_an_online_subtractor_keeps_its_model_across_the_shots_of_a_video(
        tmp_path):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 70)))
    model = MODELS.build(dict(type='BackgroundSubtractorSegmenter'))
    made = []
    new_subtractor = model.new_subtractor
    model.new_subtractor = lambda: made.append(1) or new_subtractor()
    written = segment_video(
        model, source, str(tmp_path / 'out'), shot_length=32, progress=False)
    assert written['num_frames'] == 70
    assert len(made) == 1  # one warm-up, then online over the three shots
