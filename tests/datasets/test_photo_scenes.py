"""The photo-scene renderer: exact masks, and each factor changes what it
claims and nothing else."""
import os.path as osp

import cv2
import numpy as np
import pytest
from mmengine.config import Config

from tests.conftest import REPO_ROOT
from vosgan_mm.datasets import PhotoSceneSegmentationDataset
from vosgan_mm.datasets.photo_scenes import (FACTORS, SCENARIOS,
                                             render_photo_scene_clip)

SEED = 11


def clip(*factors, seed=SEED, max_objects=2):
    return render_photo_scene_clip(seed, factors, max_objects=max_objects)


@pytest.fixture(scope='module')
def plain():
    return clip()


def test_clip_shapes_and_the_mask_is_the_union_of_the_objects(plain):
    assert plain['imgs'].shape == (32, 64, 64, 3)
    assert plain['imgs'].dtype == np.uint8
    assert plain['gt_masks'].shape == (32, 64, 64)
    np.testing.assert_array_equal(plain['gt_masks'],
                                  plain['object_masks'].any(0))
    assert plain['gt_masks'].any()


def test_static_background_is_still_outside_the_masks(plain):
    background = ~plain['gt_masks'].any(0)
    frames = plain['imgs'][:, background]
    assert (frames == frames[0]).all()


def test_the_same_seed_gives_the_same_clip_and_another_seed_another():
    a, b = clip('noise', 'compression'), clip('noise', 'compression')
    np.testing.assert_array_equal(a['imgs'], b['imgs'])
    assert not np.array_equal(a['imgs'], clip(seed=SEED + 1)['imgs'])


@pytest.mark.parametrize('factor', ['pan', 'zoom', 'shake'])
def test_camera_motion_moves_the_background(plain, factor):
    moved = clip(factor)
    # objects move with the scene: their sizes and textures stay, the
    # background pixels no longer hold still
    assert moved['object_masks'].shape == plain['object_masks'].shape
    never_object = ~(moved['gt_masks'].any(0) | plain['gt_masks'].any(0))
    frames = moved['imgs'][:, never_object].astype(int)
    assert np.abs(frames - frames[0]).mean() > 2
    if factor in ('pan', 'zoom'):  # they start where the still camera is
        np.testing.assert_array_equal(moved['imgs'][0], plain['imgs'][0])


@pytest.mark.parametrize('factors', [(), ('pan', 'zoom', 'shake')])
def test_the_camera_maps_are_the_truth_that_aligns_the_background(factors):
    moved = clip(*factors)
    cameras = moved['camera']
    assert cameras.shape == (len(moved['imgs']), 2, 3)
    if not factors:  # a still camera: one map for every frame
        np.testing.assert_array_equal(cameras,
                                      cameras[:1].repeat(len(cameras), 0))
        return
    assert np.abs(cameras - cameras[:1]).max() > 1
    # the true map from the last frame to the first puts the last frame's
    # background where the first frame shows it (up to the blur of two
    # bilinear resamplings); its inverse does not
    full = np.concatenate(
        [cameras, np.tile([[[0, 0, 1.0]]], (len(cameras), 1, 1))], 1)
    last_to_first = full[0] @ np.linalg.inv(full[-1])
    first, last = moved['imgs'][0], moved['imgs'][-1]

    def error_after(homography):
        warped = cv2.warpAffine(last, homography[:2], (64, 64))
        last_objects = cv2.warpAffine(
            moved['gt_masks'][-1],
            homography[:2], (64, 64),
            flags=cv2.INTER_NEAREST).astype(bool)
        background = np.zeros((64, 64), bool)
        background[12:-12, 12:-12] = True
        background &= ~first_objects & ~last_objects
        return np.abs(warped[background].astype(int) -
                      first[background]).mean()

    first_objects = moved['gt_masks'][0].astype(bool)
    aligned = error_after(last_to_first)
    assert aligned < error_after(np.eye(3)) / 2
    assert aligned < error_after(np.linalg.inv(last_to_first)) / 2


def test_dynamic_background_changes_background_pixels_only(plain):
    rippled = clip('dynamic_background')
    np.testing.assert_array_equal(rippled['gt_masks'], plain['gt_masks'])
    np.testing.assert_array_equal(rippled['imgs'][plain['gt_masks'] > 0],
                                  plain['imgs'][plain['gt_masks'] > 0])
    changed = (rippled['imgs'] != plain['imgs']).any(-1)
    assert changed.any()
    # the ripple is a band: some rows never change
    assert not changed.any((0, 2)).all()


def test_illumination_scales_every_pixel_by_one_gain_per_frame(plain):
    lit = clip('illumination')
    np.testing.assert_array_equal(lit['gt_masks'], plain['gt_masks'])
    before = plain['imgs'].astype(float)
    after = lit['imgs'].astype(float)
    for t in range(32):
        bright = (before[t] > 40) & (before[t] < 200)
        ratios = after[t][bright] / before[t][bright]
        # one gain per frame, up to the rounding to 8 bits
        assert ratios.std() < 0.02
    gains = [(after[t].mean() / before[t].mean()) for t in range(32)]
    assert max(gains) - min(gains) > 0.2


@pytest.mark.parametrize('factor, spread', [('noise', (3, 8)),
                                            ('compression', (0.5, 8))])
def test_noise_and_compression_perturb_pixels_but_not_masks(
        plain, factor, spread):
    degraded = clip(factor)
    np.testing.assert_array_equal(degraded['gt_masks'], plain['gt_masks'])
    difference = np.abs(degraded['imgs'].astype(int) - plain['imgs'])
    assert spread[0] < difference.mean() < spread[1]


def test_pauses_stop_each_object_for_6_to_12_frames_on_the_same_path(plain):
    paused = clip('pauses')
    for masks, reference in zip(paused['object_masks'], plain['object_masks']):
        still = [np.array_equal(masks[t], masks[t + 1]) for t in range(31)]
        runs, run = [], 0
        for s in still:
            run = run + 1 if s else 0
            runs.append(run)
        assert 6 <= max(runs) <= 12
        # before the pause the object is where it is without pauses
        first_stop = still.index(True)
        np.testing.assert_array_equal(masks[:first_stop + 1],
                                      reference[:first_stop + 1])


def test_occlusion_puts_the_second_object_over_the_first_mid_clip():
    occluded = clip('occlusion', seed=3, max_objects=1)
    bottom, top = occluded['object_masks']
    assert (bottom[16] & top[16]).sum() > 0.5 * top[16].sum()
    alone = clip(seed=3, max_objects=1)
    np.testing.assert_array_equal(alone['object_masks'][0], bottom)


def test_bad_factors_and_scenarios_are_named():
    with pytest.raises(
            ValueError, match=r"unknown photo scene factors "
            r"\['fog'\]"):
        render_photo_scene_clip(0, ('fog', ))
    with pytest.raises(
            ValueError, match="scenario must be one of .* got "
            "'night'"):
        PhotoSceneSegmentationDataset(scenario='night', lazy_init=True)


def test_scenarios_are_each_axis_alone_and_all_together():
    assert SCENARIOS['static'] == ()
    assert SCENARIOS['all'] == FACTORS
    alone = [
        set(f) for n, f in SCENARIOS.items() if n not in ('static', 'all')
    ]
    for i, a in enumerate(alone):
        for b in alone[i + 1:]:
            assert not a & b


def test_dataset_items_carry_frames_masks_and_a_sequence_name():
    dataset = PhotoSceneSegmentationDataset(
        num_clips=2, seed=16, scenario='static')
    info = dataset.get_data_info(1)
    assert info['sequence'] == 'photo-static-16-000001'
    assert len(info['imgs']) == 32 and info['gt_masks'].dtype == bool
    expected = render_photo_scene_clip(dataset.clip_seed(1), ())
    np.testing.assert_array_equal(np.stack(info['imgs']), expected['imgs'])


def test_the_benchmark_splits_are_seeds_of_their_own():
    cfg = Config.fromfile(
        osp.join(REPO_ROOT, 'configs/_base_/datasets/photo_scenes.py'))
    gan = Config.fromfile(
        osp.join(REPO_ROOT,
                 'configs/vosgan/vosgan_relu-reuse_2400i_photo-scenes.py'))
    generation = dict(gan.test_dataloader.dataset)
    # the generation table's real-videos row: the next seed
    second_real = dict(generation, seed=generation['seed'] + 1)
    curve = [
        h for h in gan.custom_hooks if h.type == 'SegmentationValidationHook'
    ][0].dataset
    classifier = [
        dict(num_clips=3000, seed=30),
        dict(num_clips=500, seed=31)
    ]  # tools/train_frame_classifier.py's default train and held-out clips
    datasets = [
        loader.dataset for loader in (cfg.train_dataloader, cfg.val_dataloader,
                                      cfg.test_dataloader)
    ] + [
        gan.train_dataloader.dataset, generation, second_real, curve,
        *classifier
    ]
    roles = {}
    for role, kwargs in enumerate(datasets):
        dataset = PhotoSceneSegmentationDataset(
            **{
                k: v
                for k, v in kwargs.items() if k not in ('type', 'pipeline')
            },
            lazy_init=True)
        for i in range(dataset.num_clips):
            roles.setdefault(dataset.clip_seed(i), set()).add(role)
    # the GAN reads the segmentation train split's seed (more clips of it);
    # every other role is a seed of its own
    assert gan.train_dataloader.dataset.seed == cfg.train_dataloader.dataset.seed
    shared = {frozenset(r) for r in roles.values() if len(r) > 1}
    assert shared == {frozenset({0, 3})}
