"""VideoSampleHook sends its labelled sample grid to the runner's
visualizer (and so to every vis backend of the config), besides the
files."""
import logging
import os
from types import SimpleNamespace

import numpy as np
import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT, tiny_demo_config
from vosgan_mm.engine.hooks import VideoSampleHook
from vosgan_mm.registry import MODELS, RUNNERS
from vosgan_mm.visualization import (generator_output_grid, label_columns,
                                     make_video_grid)


class RecordingVisualizer:

    def __init__(self):
        self.images = []

    def add_image(self, name, image, step=0):
        self.images.append((name, image, step))


def tiny_gan():
    cfg = Config.fromfile(
        os.path.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_900i_sprites.py'))
    cfg.model.generator.base_channels = 2
    cfg.model.discriminator.base_channels = 2
    model = MODELS.build(cfg.model)
    model.init_weights()
    return model.eval()


def test_samples_go_to_the_visualizer_as_the_labelled_grids_middle_frame(
        tmp_path):
    model = tiny_gan()
    visualizer = RecordingVisualizer()
    runner = SimpleNamespace(
        model=model,
        hooks=[],
        iter=9,
        work_dir=str(tmp_path),
        visualizer=visualizer,
        logger=logging.getLogger('test_sample_visualizer'))
    hook = VideoSampleHook(num_samples=2, formats=('gif', ))
    hook.write_samples(runner, 'iter_0000010')

    with torch.no_grad():
        fake = model.generate(**model.sample_latents(2, hook.seed))
    grid = generator_output_grid(fake)
    assert [(name, step) for name, _, step in visualizer.images] == [
        ('samples', 10)
    ]
    image = visualizer.images[0][1]
    assert image.shape == grid.shape[1:] and image.dtype == np.uint8
    assert (image == grid[len(grid) // 2]).all()
    assert os.listdir(tmp_path / 'samples') == ['iter_0000010.gif']


def test_the_grid_has_a_header_row_naming_its_columns():
    videos = np.zeros((2, 4, 64, 64, 3), np.uint8)
    plain = make_video_grid([videos] * 4)
    labelled = label_columns(plain, ['video', 'mask', 'background',
                                     'foreground'])
    assert labelled.shape == (4, 12 + plain.shape[1], plain.shape[2], 3)
    assert (labelled[:, 12:] == plain).all()
    header = labelled[0, :12]
    # text drawn over each column of the white header
    for j in range(4):
        left = 2 + j * 66
        assert (header[:, left:left + 64] < 128).any()
    assert (labelled[1:, :12] == header).all()  # the same in every frame


def test_a_tiny_run_logs_samples_through_its_visualizer(tmp_path):
    cfg = tiny_demo_config(tmp_path)
    runner = RUNNERS.build(cfg)
    recorded = []
    add_image = runner.visualizer.add_image
    runner.visualizer.add_image = lambda name, image, step=0: (
        recorded.append((name, image.shape, step)),
        add_image(name, image, step))
    runner.train()
    assert [(name, step) for name, _, step in recorded] == [('samples', 2)]
    # the demo's 2 rows x 4 columns of 64x64 under a 12-pixel header
    assert recorded[0][1] == (12 + 2 * 66 + 2, 4 * 66 + 2, 3)
    # LocalVisBackend (default_runtime) writes it as a PNG
    pngs = [
        name for _, _, names in os.walk(tmp_path) for name in names
        if name.startswith('samples_') and name.endswith('.png')
    ]
    assert pngs == ['samples_2.png']
