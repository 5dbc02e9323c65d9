"""The hooks that show whether VOS-GAN learns what the paper claims: the
gradient each loss term sends into D's encoder, the generator's diversity,
motion and mask, and D's segmentation of held-out real clips. Tiny runs
through the Runner; no accuracy is asserted."""
import json

import numpy as np
import pytest
import torch
from mmengine.dataset import default_collate

from tests.conftest import tiny_demo_config
from vosgan_mm.engine.hooks import SegmentationValidationHook
from vosgan_mm.engine.hooks.loss_gradient_norm_hook import \
    discriminator_gradient_norms
from vosgan_mm.registry import DATASETS, MODELS, RUNNERS

D_TERMS = {
    'loss_d_real', 'loss_d_fake', 'loss_d_seg', 'loss_d_flow_fake',
    'loss_d_flow_real'
}
VAL_CLIPS = dict(type='SpriteVideoDataset', num_clips=3, seed=5)


def monitored_run(tmp_path, extra_hooks=(), **overrides):
    hooks = [
        dict(type='LossGradientNormHook', interval=2),
        dict(type='GeneratorStatisticsHook', interval=2, num_samples=3),
        dict(
            type='SegmentationValidationHook',
            interval=2,
            dataset=VAL_CLIPS,
            reference=dict(type='FlowMagnitudeSegmenter')), *extra_hooks
    ]
    cfg = tiny_demo_config(
        tmp_path, **{
            'train_cfg.max_iters': 3,
            'custom_hooks': hooks,
            **overrides
        })
    runner = RUNNERS.build(cfg)
    runner.train()
    return runner


def read(path):
    with open(path) as f:
        return json.load(f)


def test_monitor_hooks_write_curves_of_a_tiny_run(tmp_path):
    monitored_run(tmp_path)
    grads = read(tmp_path / 'gradient_norms.json')
    assert [r['iter'] for r in grads] == [1, 2]
    for record in grads:  # every loss term of D is named, with a norm
        assert set(record) - {'iter'} == D_TERMS
        assert all(record[t] > 0 for t in D_TERMS)

    gen = read(tmp_path / 'generator_statistics.json')
    assert gen['real']['moving_share'] == 1.0  # every sprite clip moves
    assert gen['real']['frame_change'] > 0
    assert [e['iter'] for e in gen['generated']] == [0, 2, 3]
    for entry in gen['generated']:
        assert entry['sensitivity_z_scene'] >= 0
        assert entry['sensitivity_z_motion'] >= 0
        assert 0 <= entry['mask_mean'] <= 1
        assert entry['mask_above_0.9'] + entry['mask_below_0.1'] <= 1
        assert entry['diversity'] >= 0

    seg = read(tmp_path / 'segmentation_curve.json')
    assert seg['reference']['type'] == 'FlowMagnitudeSegmenter'
    # sprites move over a still background: the flow baseline finds them
    assert seg['reference']['iou'] > 10
    assert [e['iter'] for e in seg['curve']] == [0, 2, 3]
    for entry in seg['curve']:
        assert 0 <= entry['iou'] <= 100 and 0 <= entry['f'] <= 100
    log = next(tmp_path.glob('*/*.log')).read_text()
    assert 'segmentation of held-out real clips at iteration 3' in log
    assert 'gradient norms into discriminator.encoder at iteration 2' in log
    assert 'generator at iteration 2: diversity' in log
    assert 'real training clips: diversity' in log
    assert 'FlowMagnitudeSegmenter on the held-out clips: IoU' in log


class SceneOnlyGenerator:
    """A stand-in model whose videos depend on ``z_scene`` alone."""

    def sample_latents(self, num_videos, seed):
        rng = torch.Generator().manual_seed(seed)
        return dict(
            z_scene=torch.randn(num_videos, 4, generator=rng),
            z_motion=torch.randn(num_videos, 3, 4, generator=rng))

    def generate(self, z_scene, z_motion):
        video = z_scene[:, None, None, None, :].expand(-1, 3, 2, 4, 4)
        return dict(video=torch.tanh(video))


def test_latent_sensitivity_finds_an_ignored_motion_code():
    from vosgan_mm.engine.hooks.generator_statistics_hook import \
        latent_sensitivity
    sensitivity = latent_sensitivity(SceneOnlyGenerator(), 4, seed=0)
    assert set(sensitivity) == {'sensitivity_z_scene', 'sensitivity_z_motion'}
    assert sensitivity['sensitivity_z_motion'] == 0
    assert sensitivity['sensitivity_z_scene'] > 0.1


def test_gradient_report_leaves_the_networks_unchanged(tmp_path):
    cfg = tiny_demo_config(tmp_path)
    model = MODELS.build(cfg.model)
    model.init_weights()
    dataset = DATASETS.build(cfg.train_dataloader.dataset)
    batch = default_collate([dataset[0], dataset[1]])
    before = {k: v.clone() for k, v in model.state_dict().items()}
    norms = discriminator_gradient_norms(model, batch)
    assert set(norms) == D_TERMS
    assert norms == pytest.approx(discriminator_gradient_norms(model, batch))
    for key, value in model.state_dict().items():  # BN statistics too
        assert torch.equal(value, before[key]), key
    assert all(p.grad is None for p in model.parameters())
    # a term of weight 0 is not computed, so not reported
    cfg.model.loss_weights = dict(flow_fake=0.0, flow_real=0.0)
    model = MODELS.build(cfg.model)
    assert set(discriminator_gradient_norms(
        model, batch)) == D_TERMS - {'loss_d_flow_fake', 'loss_d_flow_real'}
    with pytest.raises(AttributeError, match='no sub-module "encodr"'):
        discriminator_gradient_norms(model, batch, module='encodr')


def test_segmentation_validation_scores_a_perfect_and_an_empty_segmenter():
    hook = SegmentationValidationHook(VAL_CLIPS)
    video, masks = hook._load_clips()

    class Oracle(torch.nn.Module):
        """Predicts the true masks of the validation clips."""

        def __init__(self, value=None):
            super().__init__()
            self.weight = torch.nn.Parameter(torch.zeros(1))
            self.value = value

        def forward(self, clips):
            index = [
                int(((video - c).abs().flatten(1).sum(1) == 0).nonzero())
                for c in clips
            ]
            seg = torch.from_numpy(masks[index]).float()[:, None]
            if self.value is not None:
                seg = torch.full_like(seg, self.value)
            return dict(seg=seg)

    class GAN(torch.nn.Module):

        def __init__(self, discriminator):
            super().__init__()
            self.discriminator = discriminator

    scores = hook.evaluate(GAN(Oracle()))
    assert scores['iou'] == pytest.approx(100)
    assert scores['f'] == pytest.approx(100)
    assert scores['fg_share'] == pytest.approx(masks.mean())
    assert scores['prob_on_fg'] == 1 and scores['prob_on_bg'] == 0
    empty = hook.evaluate(GAN(Oracle(value=0.0)))
    assert empty['iou'] == empty['f'] == 0 and empty['fg_share'] == 0
    # under the threshold everywhere, yet higher on the objects: the
    # contrast shows what IoU at 0.5 cannot
    faint = hook.score(np.where(masks, 0.4, 0.1).astype(np.float32))
    assert faint['iou'] == 0
    assert faint['prob_on_fg'] == pytest.approx(0.4)
    assert faint['prob_on_bg'] == pytest.approx(0.1)


def test_segmentation_validation_refuses_a_discriminator_without_masks(
        tmp_path):
    with pytest.raises(KeyError, match='no segmentation output'):
        monitored_run(
            tmp_path, **{
                'model':
                dict(
                    _delete_=True,
                    type='VGAN',
                    generator=dict(type='VGANGenerator', base_channels=2),
                    discriminator=dict(
                        type='Conv3dVideoDiscriminator', base_channels=2)),
                'custom_hooks':
                [dict(type='SegmentationValidationHook', dataset=VAL_CLIPS)],
                'train_dataloader.dataset.pipeline':
                [dict(type='PackVideoGANInputs')]
            })


def test_a_resumed_run_continues_the_monitor_curves(tmp_path):
    monitored_run(tmp_path)
    monitored_run(tmp_path, **{'train_cfg.max_iters': 4, 'resume': True})
    grads = read(tmp_path / 'gradient_norms.json')
    assert [r['iter'] for r in grads] == [1, 2, 4]
    gen = read(tmp_path / 'generator_statistics.json')
    assert [e['iter'] for e in gen['generated']] == [0, 2, 3, 4]
    seg = read(tmp_path / 'segmentation_curve.json')
    assert [e['iter'] for e in seg['curve']] == [0, 2, 3, 4]
    assert seg['reference']['type'] == 'FlowMagnitudeSegmenter'


def test_a_curve_saved_as_a_bare_list_is_continued(tmp_path):
    """A work dir whose segmentation curve was saved as a bare list (no
    reference figures) resumes: its curve continues, the reference is
    measured anew."""
    monitored_run(tmp_path)
    seg = read(tmp_path / 'segmentation_curve.json')
    with open(tmp_path / 'segmentation_curve.json', 'w') as f:
        json.dump(seg['curve'], f)
    monitored_run(tmp_path, **{'train_cfg.max_iters': 4, 'resume': True})
    resumed = read(tmp_path / 'segmentation_curve.json')
    assert resumed['curve'][:len(seg['curve'])] == seg['curve']
    assert [e['iter'] for e in resumed['curve']] == [0, 2, 3, 4]
    assert resumed['reference']['iou'] == pytest.approx(
        seg['reference']['iou'])


def test_monitors_measure_the_average_that_ema_hook_saves(tmp_path):
    ema = dict(type='EMAHook', momentum=0.5, begin_iter=2)
    runner = monitored_run(tmp_path / 'ema', extra_hooks=[ema])
    ema_hook = next(h for h in runner.hooks if type(h).__name__ == 'EMAHook')
    averaged = ema_hook.ema_model.module
    raw_weight = runner.model.discriminator.encoder.layers[0].conv.weight
    averaged_weight = averaged.discriminator.encoder.layers[0].conv.weight
    assert not torch.equal(raw_weight, averaged_weight)
    checkpoint = torch.load(tmp_path / 'ema' / 'iter_3.pth')
    key = 'discriminator.encoder.layers.0.conv.weight'
    assert torch.equal(checkpoint['state_dict'][key], averaged_weight)
    # the last point of the held-out curve is the averaged D's score
    validation = next(
        h for h in runner.hooks if isinstance(h, SegmentationValidationHook))
    last = read(tmp_path / 'ema' / 'segmentation_curve.json')['curve'][-1]
    assert last['iter'] == 3
    expected = validation.evaluate(averaged)
    assert last['iou'] == pytest.approx(expected['iou'])
    assert last['prob_on_fg'] == pytest.approx(expected['prob_on_fg'])
    raw = validation.evaluate(runner.model)
    assert raw['prob_on_fg'] != pytest.approx(expected['prob_on_fg'])


def test_weight_average_sweep_saves_averages_at_each_momentum(tmp_path):
    sweep = dict(
        type='WeightAverageSweepHook',
        momenta=(0.25, 0.5),
        save_at=(2, 3),
        begin_iter=2)
    monitored_run(tmp_path, extra_hooks=[sweep])

    def weights(name):
        return torch.load(tmp_path / name)['state_dict']

    raw2, raw3 = weights('discriminator_raw_iter2.pth'), weights(
        'discriminator_raw_iter3.pth')
    key = 'discriminator.encoder.layers.0.conv.weight'
    assert not torch.equal(raw2[key], raw3[key])
    # the first average is a copy; then (1 - momentum) * old + momentum * new
    assert torch.equal(
        weights('discriminator_ema0.25_iter2.pth')[key], raw2[key])
    torch.testing.assert_close(
        weights('discriminator_ema0.25_iter3.pth')[key],
        0.75 * raw2[key] + 0.25 * raw3[key])
    torch.testing.assert_close(
        weights('discriminator_ema0.5_iter3.pth')[key],
        0.5 * raw2[key] + 0.5 * raw3[key])
    # buffers are the network's own
    bn = 'discriminator.encoder.layers.1.bn.running_mean'
    assert torch.equal(
        weights('discriminator_ema0.25_iter3.pth')[bn], raw3[bn])


def test_weight_average_sweep_refuses_a_momentum_outside_0_1():
    from vosgan_mm.engine.hooks import WeightAverageSweepHook
    with pytest.raises(ValueError, match=r'momenta in \(0, 1\), got \[1.5\]'):
        WeightAverageSweepHook(momenta=(1.5, ))
