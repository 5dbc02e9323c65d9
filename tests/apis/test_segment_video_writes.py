"""What segment_video leaves behind when its input or its writes fail, and
how it reads what the up-front check accepts: a damaged frame or a failed
write leave no output and an earlier run intact, --allow-truncated
segments the frames that decode, a repeat-frame AVI is read frame by
frame, and large frames are segmented at a bounded size."""
import os

import cv2
import numpy as np
import pytest

import vosgan_mm.apis.segmentation as segmentation
from tests.apis.test_segmentation_api import write_frames, write_video
from tests.datasets.test_video_checks import REPEATS, write_repeat_frame_avi
from vosgan_mm.apis import FrameSource, segment_video
from vosgan_mm.datasets import VideoDataError
from vosgan_mm.datasets.output_files import WriteError
from vosgan_mm.datasets.video_decoding import (check_video_frames,
                                               count_decodable_frames)
from vosgan_mm.registry import MODELS


@pytest.fixture
def model():
    return MODELS.build(dict(type='FlowMagnitudeSegmenter'))


def zero_middle(path, start=0.5, share=0.05):
    """Zeroes a region of the file: its index is intact, so its last frame
    seeks (the up-front check passes), but decoding stops there."""
    data = bytearray(path.read_bytes())
    begin = int(len(data) * start)
    data[begin:begin + int(len(data) * share)] = bytes(int(len(data) * share))
    path.write_bytes(bytes(data))
    return path


def files_of(folder):
    """Every file under ``folder`` (hidden ones too) with its bytes."""
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, 'rb') as f:
                found[os.path.relpath(path, folder)] = f.read()
    return found


@pytest.fixture
def damaged_video(tmp_path):
    video = zero_middle(write_video(tmp_path / 'damaged.avi', 40))
    # the case: accepted up front, yet fewer frames decode in a row
    assert check_video_frames(str(video)).decodable == 40
    decodable = count_decodable_frames(str(video)).decodable
    assert 2 <= decodable < 40
    return video, decodable


def test_a_frame_that_does_not_decode_leaves_the_earlier_output_intact(
        tmp_path, model, damaged_video):
    out = tmp_path / 'out'
    good = FrameSource(str(write_video(tmp_path / 'good.avi', 40)))
    segment_video(model, good, str(out), progress=False)
    (out / 'notes.txt').write_text('kept')
    before = files_of(out)
    video, decodable = damaged_video
    with pytest.raises(VideoDataError) as error:
        segment_video(model, FrameSource(str(video)), str(out),
                      progress=False)
    assert files_of(out) == before  # no mix of masks, no partial video
    assert str(error.value) == (
        f'{video}, frame {decodable} does not decode; --allow-truncated '
        f'keeps the {decodable} frames before it')


def test_allowed_a_damaged_video_gives_the_frames_that_decode(
        tmp_path, model, damaged_video):
    video, decodable = damaged_video
    out = tmp_path / 'out'
    source = FrameSource(str(video), allow_truncated=True)
    written = segment_video(model, source, str(out), progress=False)
    assert written['num_frames'] == decodable
    assert len(os.listdir(out / 'masks')) == decodable
    for name in ('mask.mp4', 'overlay.mp4'):
        assert count_decodable_frames(str(out / name)).decodable == decodable
    assert sorted(os.listdir(out)) == ['mask.mp4', 'masks', 'overlay.mp4']


def write_frame_folder(folder, speed):
    folder.mkdir()
    for t in range(40):  # two shots
        frame = np.full((32, 48, 3), 90, np.uint8)
        frame[8:20, speed * t % 40:speed * t % 40 + 8] = (0, 0, 255)
        cv2.imwrite(str(folder / f'{t:05d}.png'), frame)
    return folder


def test_a_frame_folder_with_a_cut_image_leaves_no_mix(tmp_path, model):
    out = tmp_path / 'out'
    earlier = write_frame_folder(tmp_path / 'earlier', speed=2)
    segment_video(model, FrameSource(str(earlier)), str(out), progress=False)
    before = files_of(out)
    frames = write_frame_folder(tmp_path / 'frames', speed=1)
    cut_frame = frames / '00035.png'  # in the second shot
    data = cut_frame.read_bytes()
    cut_frame.write_bytes(data[:len(data) * 4 // 10])  # its header is whole
    with pytest.raises(VideoDataError, match='00035.png: cannot read'):
        segment_video(
            model, FrameSource(str(frames)), str(out), progress=False)
    assert files_of(out) == before


def test_a_video_write_that_fails_is_an_error_naming_the_file(
        tmp_path, model, monkeypatch):
    open_writer = segmentation.open_video_writer

    class FullDisk:
        """Takes the first 5 frames, then drops them, as OpenCV does on a
        full disk: no error, no return value."""

        def __init__(self, path, fps, size):
            self.writer, self.frames = open_writer(path, fps, size), 0

        def write(self, frame):
            self.frames += 1
            if self.frames <= 5:
                self.writer.write(frame)

        def release(self):
            self.writer.release()

    monkeypatch.setattr(segmentation, 'open_video_writer', FullDisk)
    out = tmp_path / 'out'
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 12)))
    with pytest.raises(
            WriteError,
            match=f'^{out}/mask.mp4: incomplete: 5 of the 12 frames written '
            'decode; disk full, or over a file size limit'):
        segment_video(model, source, str(out), progress=False)
    assert not out.exists()


def test_a_repeat_frame_avi_is_segmented_frame_by_frame(tmp_path, model):
    source = FrameSource(str(write_repeat_frame_avi(tmp_path / 'vfr.avi')))
    assert source.num_frames == source.expected_frames == len(REPEATS)
    # the average rate: the masks last as long as the video
    total = len(REPEATS) + sum(REPEATS)
    assert source.fps == pytest.approx(10 * len(REPEATS) / total)
    written = segment_video(model, source, str(tmp_path / 'out'),
                            progress=False)
    assert written['num_frames'] == len(REPEATS)


@pytest.mark.parametrize('kind', ['video', 'folder'])
def test_a_single_frame_is_refused(tmp_path, kind):
    if kind == 'video':
        source = write_video(tmp_path / 'one.avi', 1)
    else:
        source = write_frames(tmp_path / 'one', [(48, 32)])
    with pytest.raises(
            VideoDataError,
            match='one(.avi)?: 1 frame; segmenting needs at least 2'):
        FrameSource(str(source))


@pytest.mark.parametrize('threshold', [float('nan'), -0.1, 1.5, 'Otsu'])
def test_a_threshold_that_is_not_a_probability_is_refused(
        tmp_path, model, threshold):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 4)))
    with pytest.raises(ValueError, match='between 0 and 1 or "otsu"'):
        segment_video(model, source, str(tmp_path / 'out'), threshold,
                      progress=False)
    assert not (tmp_path / 'out').exists()


def test_max_side_segments_small_and_scales_the_masks_back(
        tmp_path, model, monkeypatch):
    seen = []
    probabilities = segmentation.shot_probabilities

    def recording(model, frames, *args):
        seen.append(frames[0].shape)
        return probabilities(model, frames, *args)

    monkeypatch.setattr(segmentation, 'shot_probabilities', recording)
    out = tmp_path / 'out'
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 12, (64, 48))))
    written = segment_video(
        model, source, str(out), progress=False, max_side=32)
    assert written['size'] == (24, 32) and seen == [(24, 32, 3)]
    masks = [
        cv2.imread(str(out / 'masks' / name), cv2.IMREAD_GRAYSCALE)
        for name in sorted(os.listdir(out / 'masks'))
    ]
    assert len(masks) == 12 and masks[5].shape == (48, 64)
    assert any(m.any() for m in masks)  # the moving square is found
    for mask in masks:  # nearest: 2x2 blocks of one value
        assert set(np.unique(mask)) <= {0, 255}
        assert (mask == mask[::2, ::2].repeat(2, 0).repeat(2, 1)).all()
    for name, size in (('mask.mp4', (64, 48)), ('overlay.mp4', (32, 24))):
        capture = cv2.VideoCapture(str(out / name))
        assert (capture.get(cv2.CAP_PROP_FRAME_WIDTH),
                capture.get(cv2.CAP_PROP_FRAME_HEIGHT)) == size


def test_frames_within_max_side_are_segmented_as_they_are(tmp_path, model):
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 4, (48, 32))))
    written = segment_video(
        model, source, str(tmp_path / 'out'), progress=False, max_side=64)
    assert written['size'] == (32, 48)


def test_otsu_thresholds_each_frame_of_a_map_that_never_reaches_half(
        tmp_path, model, monkeypatch):
    """A map at 0.1 with a block at 0.3 that moves: 0.5 finds nothing, Otsu
    finds the block in every frame, wherever it is."""

    def block_maps(model, frames, size, source, num_valid):
        maps = []
        for t in range(len(frames)):
            prob = np.full((16, 16), 0.1, np.float32)
            prob[4:8, t % 8:t % 8 + 4] = 0.3
            maps.append(prob)
        return maps

    monkeypatch.setattr(segmentation, 'shot_probabilities', block_maps)
    source = FrameSource(str(write_video(tmp_path / 'v.avi', 6, (32, 32))))
    found = {}
    for threshold in (0.5, 'otsu'):
        out = tmp_path / str(threshold)
        segment_video(model, source, str(out), threshold, progress=False)
        found[threshold] = [
            cv2.imread(str(out / 'masks' / name), cv2.IMREAD_GRAYSCALE) > 0
            for name in sorted(os.listdir(out / 'masks'))
        ]
    assert len(found['otsu']) == 6
    assert not any(mask.any() for mask in found[0.5])
    for t, mask in enumerate(found['otsu']):
        expected = np.zeros((32, 32), bool)  # the block, scaled 2x
        expected[8:16, 2 * (t % 8):2 * (t % 8) + 8] = True
        assert (mask == expected).mean() > 0.97  # bilinear edges aside
        assert mask[10:14, 2 * (t % 8) + 2:2 * (t % 8) + 6].all()
