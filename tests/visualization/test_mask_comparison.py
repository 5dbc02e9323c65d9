import numpy as np

from vosgan_mm.visualization import mask_comparison_grid
from vosgan_mm.visualization.mask_comparison import GAP


def test_mask_comparison_grid_has_a_row_per_frame_and_a_column_per_name():
    frames = [np.full((40, 60, 3), 100, np.uint8) for _ in range(2)]
    fg = np.zeros((40, 60), np.uint8)
    fg[20:, 30:] = 255
    masks = dict(a=[fg, fg], b=[np.zeros_like(fg)] * 2)
    grid = mask_comparison_grid(frames, masks, [3, 9])
    assert grid.shape == (2 * 40 + GAP, 2 * 60 + GAP, 3)
    assert grid.dtype == np.uint8
    # a's foreground is tinted red, b's same pixel is the frame itself
    assert grid[35, 50, 0] > grid[35, 50, 1]
    assert (grid[35, 60 + GAP + 50] == 100).all()
    # the gap between columns is white
    assert (grid[:, 60:60 + GAP] == 255).all()


def test_mask_comparison_grid_scales_each_cell():
    frames = [np.zeros((40, 60, 3), np.uint8)]
    grid = mask_comparison_grid(
        frames, dict(a=[np.zeros((40, 60))]), [0], scale=0.5)
    assert grid.shape == (20, 30, 3)
