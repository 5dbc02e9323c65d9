"""The photo-scene renderer: exact masks, and each factor changes what it
claims and nothing else."""
import os.path as osp

import numpy as np
import pytest
from mmengine.config import Config

from tests.conftest import REPO_ROOT
from vosgan_mm.datasets import PhotoSceneSegmentationDataset
from vosgan_mm.datasets.photo_scenes import (FACTORS, SCENARIOS,
                                             render_photo_scene_clip,
                                             true_stabilisation)

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


def test_a_still_camera_has_one_map_for_every_frame(plain):
    maps = plain['camera_maps']
    assert maps.shape == (len(plain['imgs']), 2, 3)
    np.testing.assert_array_equal(maps, maps[:1].repeat(len(maps), 0))
    np.testing.assert_array_equal(
        true_stabilisation(maps), np.tile(np.eye(3), (len(maps), 1, 1)))


def test_the_camera_maps_take_each_frame_back_to_the_scene():
    # one object moving at a constant velocity over the canvas: its mask's
    # centroid, taken back to the canvas by each frame's map, moves on a
    # straight line at a constant step (to the mask's pixel rounding),
    # while in the frames the shaking, panning, zooming camera bends it
    moved = clip('pan', 'zoom', 'shake', seed=13, max_objects=1)
    masks = moved['object_masks'][0]
    frames, in_frame, in_canvas = [], [], []
    for f, mask in enumerate(masks):
        ys, xs = np.nonzero(mask)
        if xs.min() == 0 or ys.min() == 0 or xs.max() == 63 or \
                ys.max() == 63:
            continue  # cut by the frame's edge: its centroid is not the
            # object's
        centroid = np.array([xs.mean(), ys.mean()])
        linear, shift = np.split(moved['camera_maps'][f], [2], 1)
        frames.append(f)
        in_frame.append(centroid)
        in_canvas.append(np.linalg.solve(linear, centroid - shift[:, 0]))
    assert len(frames) >= 16

    def off_a_straight_line(points):
        design = np.stack([frames, np.ones(len(frames))], 1)
        fit = np.linalg.lstsq(design, np.array(points), rcond=None)[0]
        return np.abs(design @ fit - points).max()

    assert off_a_straight_line(in_canvas) < 0.5
    assert off_a_straight_line(in_frame) > 1.5
    # the true stabilisation composes them: frame f onto the middle frame
    middle = len(masks) // 2
    onto_middle = true_stabilisation(moved['camera_maps'])
    np.testing.assert_allclose(onto_middle[middle], np.eye(3), atol=1e-12)
    point = np.array([20.0, 30.0, 1.0])  # a pixel of the last frame
    canvas_point = np.linalg.solve(
        np.vstack([moved['camera_maps'][-1], [0, 0, 1]]), point)
    np.testing.assert_allclose(
        onto_middle[-1] @ point,
        np.vstack([moved['camera_maps'][middle], [0, 0, 1]]) @ canvas_point)


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


def test_a_short_clip_renders_with_pauses_and_one_frame_is_refused():
    short = clip('pauses', 'pan', max_objects=1)
    eight = render_photo_scene_clip(
        SEED, ('pauses', 'pan'), num_frames=8, max_objects=1)
    assert eight['imgs'].shape == (8, 64, 64, 3)
    # the first frames do not depend on the clip's length
    np.testing.assert_array_equal(eight['camera_maps'][:4],
                                  short['camera_maps'][:4])
    with pytest.raises(ValueError, match='num_frames must be at least 2'):
        render_photo_scene_clip(SEED, num_frames=1)


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
