import numpy as np
import pytest
import torch
from mmengine.dataset import default_collate

from tests.conftest import tiny_demo_config

from vosgan_mm.datasets.transforms import PackSpriteScene
from vosgan_mm.registry import DATASETS, MODELS, RUNNERS
from vosgan_mm.sprites import (SPRITE_FIELDS, draw_sprites, render_background,
                               render_sprite_clip, render_sprite_videos)


def scenes(seeds, frames, size, sprites):
    backgrounds, params = [], []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        backgrounds.append(render_background(rng, size))
        params.append(draw_sprites(rng, frames, size, sprites))
    return torch.from_numpy(np.stack(backgrounds)), torch.from_numpy(
        np.stack(params))


@pytest.mark.parametrize('frames, size, sprites', [(32, 64, 2), (9, 48, 4),
                                                   (5, 96, 1)])
def test_batch_rendering_gives_the_per_clip_clips_byte_for_byte(
        frames, size, sprites):
    seeds = list(range(6))
    out = render_sprite_videos(*scenes(seeds, frames, size, sprites), frames)
    assert out['video'].shape == (6, 3, frames, size, size)
    video_only = render_sprite_videos(
        *scenes(seeds, frames, size, sprites), frames, with_labels=False)
    assert set(video_only) == {'video'}
    assert torch.equal(video_only['video'], out['video'])
    for i, seed in enumerate(seeds):
        clip = render_sprite_clip(seed, frames, size, sprites)
        assert torch.equal(out['video'][i].permute(1, 2, 3, 0),
                           torch.from_numpy(clip['imgs']))
        assert torch.equal(out['gt_masks'][i],
                           torch.from_numpy(clip['gt_masks']))
        assert torch.equal(out['gt_flow'][i],
                           torch.from_numpy(clip['gt_flow']))


def test_scenes_hold_one_to_max_sprites_first_and_unused_rows_empty():
    counts = set()
    for seed in range(30):
        rows = draw_sprites(np.random.default_rng(seed), 32, 64, 3)
        assert rows.shape == (3, len(SPRITE_FIELDS))
        present = rows[:, 0].astype(bool)
        count = int(present.sum())
        assert present[:count].all() and not rows[count:].any()
        counts.add(count)
    assert counts == {1, 2, 3}


def sprite_data(render_frames, pipeline):
    return DATASETS.build(
        dict(
            type='SpriteVideoDataset',
            num_clips=4,
            seed=3,
            render_frames=render_frames,
            pipeline=pipeline))


def test_scenes_drawn_by_the_data_preprocessor_are_the_data_sets_clips():
    scenes_data = sprite_data(False, [dict(type='PackSpriteScene')])
    frames_data = sprite_data(True, [dict(type='PackVideoGANInputs')])
    assert scenes_data[1]['inputs']['sprite_background'].shape == (64, 64, 3)
    preprocessor = MODELS.build(dict(type='VideoGANDataPreprocessor'))
    drawn = preprocessor(default_collate([scenes_data[i] for i in (1, 3)]))
    loaded = preprocessor(default_collate([frames_data[i] for i in (1, 3)]))
    assert torch.equal(drawn['inputs']['video'], loaded['inputs']['video'])
    assert set(drawn['inputs']) == {'video'}


def test_scenes_of_different_lengths_in_one_batch_are_refused():
    data = sprite_data(False, [dict(type='PackSpriteScene')])
    samples = [data[0], data[1]]
    samples[1]['data_samples'].set_metainfo(dict(num_frames=16))
    preprocessor = MODELS.build(dict(type='VideoGANDataPreprocessor'))
    with pytest.raises(ValueError, match=r'one num_frames .* \[16, 32\]'):
        preprocessor(default_collate(samples))


def test_a_scene_of_the_wrong_shape_is_refused():
    with pytest.raises(
            ValueError, match=r'\(H, W, 3\) background .* '
            r'\(64, 64\)'):
        PackSpriteScene()(
            dict(
                sprite_background=np.zeros((64, 64)),
                sprite_params=np.zeros((2, 11)),
                num_frames=32))


def test_the_on_device_config_trains_on_scenes_drawn_by_the_model(tmp_path):
    cfg = tiny_demo_config(
        tmp_path,
        'vosgan/vosgan_relu-reuse_2400i_sprites-device-render-device-flow.py',
        **{'custom_hooks': []})
    runner = RUNNERS.build(cfg)
    runner.train()
    assert runner.iter == 2
    scalars = runner.message_hub.log_scalars
    assert np.isfinite(scalars['train/loss_d_flow_real'].current())
