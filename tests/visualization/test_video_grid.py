import cv2
import numpy as np
import pytest
import torch
from PIL import Image

from vosgan_mm.visualization import (generator_output_grid, make_video_grid,
                                     to_uint8_frames, write_video)


def test_uint8_frames_map_value_range_and_grey_to_rgb():
    video = torch.tensor([-1.0, 0.0, 1.0]).view(1, 1, 3, 1, 1)
    frames = to_uint8_frames(video)
    assert frames.shape == (1, 3, 1, 1, 3)
    assert frames[0, :, 0, 0, 0].tolist() == [0, 128, 255]
    assert to_uint8_frames(torch.ones(1, 1, 1, 1, 1), (0, 1)).max() == 255


def test_grid_places_rows_and_columns_and_repeats_stills():
    videos = np.zeros((2, 4, 8, 8, 3), np.uint8)
    videos[1] = 200
    still = np.full((2, 1, 8, 8, 3), 50, np.uint8)
    grid = make_video_grid([videos, still], padding=2)
    assert grid.shape == (4, 2 * 10 + 2, 2 * 10 + 2, 3)
    assert (grid[:, 12:20, 2:10] == 200).all()  # row 1, column 0
    assert (grid[3, 2:10, 12:20] == 50).all()  # still repeated in time


def test_generator_grid_has_one_column_per_output():
    out = dict(
        video=torch.zeros(3, 3, 4, 8, 8),
        mask=torch.ones(3, 1, 4, 8, 8),
        background=torch.zeros(3, 3, 8, 8),
        foreground=torch.zeros(3, 3, 4, 8, 8))
    grid = generator_output_grid(out)
    # a 12-pixel header row naming the columns, then the rows
    assert grid.shape == (4, 12 + 3 * 10 + 2, 4 * 10 + 2, 3)
    assert (grid[:, 12 + 2:12 + 10, 12:20] == 255).all()  # mask of 1: white


@pytest.mark.parametrize('ext', ['gif', 'mp4', 'avi'])
def test_written_video_reads_back_with_all_frames(tmp_path, ext):
    frames = np.random.randint(0, 255, (5, 16, 16, 3), np.uint8)
    path = write_video(str(tmp_path / f'clip.{ext}'), frames, scale=2)
    if ext == 'gif':
        with Image.open(path) as gif:
            assert gif.n_frames == 5 and gif.size == (32, 32)
    else:
        capture = cv2.VideoCapture(path)
        assert int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) == 5
        assert int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)) == 32


def test_unknown_extension_is_an_error(tmp_path):
    with pytest.raises(ValueError, match='unsupported video extension'):
        write_video(
            str(tmp_path / 'clip.mkv'), np.zeros((2, 4, 4, 3), np.uint8))
