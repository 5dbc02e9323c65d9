import numpy as np
import pytest
import torch
from mmengine.structures import BaseDataElement

from vosgan_mm.datasets import render_sprite_clip
from vosgan_mm.evaluation import region_iou
from vosgan_mm.registry import MODELS
from vosgan_mm.utils import CheckpointError


def segmenter(**kwargs):
    model = MODELS.build(
        dict(type='VOSGANSegmenter', base_channels=2, **kwargs))
    model.init_weights()
    return model


def data_sample(num_valid, masks):
    sample = BaseDataElement(metainfo=dict(num_valid=num_valid))
    sample.gt_masks_small = masks
    return sample


def test_segmenter_gives_foreground_probabilities_per_frame():
    model = segmenter()
    probs = model(dict(video=torch.rand(2, 3, 32, 64, 64) * 2 - 1))
    assert probs.shape == (2, 1, 32, 64, 64)
    assert probs.min() >= 0 and probs.max() <= 1


def test_padded_frames_of_a_shot_do_not_count_in_the_loss():
    model = segmenter().eval()
    video = torch.rand(1, 3, 32, 64, 64)
    masks = torch.zeros(32, 64, 64)
    other = masks.clone()
    other[10:] = 1  # differs only in the padded frames
    a = model(dict(video=video), [data_sample(10, masks)], mode='loss')
    b = model(dict(video=video), [data_sample(10, other)], mode='loss')
    assert a['loss_seg'].item() == pytest.approx(b['loss_seg'].item())


def test_weights_load_from_a_gan_checkpoint_by_prefix(tmp_path):
    gan = MODELS.build(
        dict(
            type='VOSGAN',
            generator=dict(type='VOSGANGenerator', base_channels=2),
            discriminator=dict(type='VOSGANDiscriminator', base_channels=2)))
    gan.init_weights()
    path = tmp_path / 'gan.pth'
    torch.save(dict(state_dict=gan.state_dict()), path)
    model = segmenter(
        init_cfg=dict(
            type='StrictPretrained',
            checkpoint=str(path),
            prefix='discriminator.'))
    for key, value in model.state_dict().items():
        assert torch.equal(value, gan.discriminator.state_dict()[key]), key


def test_wrong_prefix_is_an_error_not_random_weights(tmp_path):
    gan = MODELS.build(
        dict(
            type='VOSGAN',
            generator=dict(type='VOSGANGenerator', base_channels=2),
            discriminator=dict(type='VOSGANDiscriminator', base_channels=2)))
    path = tmp_path / 'gan.pth'
    torch.save(dict(state_dict=gan.state_dict()), path)
    with pytest.raises(
            CheckpointError,
            match=r'(?s)under prefix "generator\.".*'
            r'discriminator\.'):
        segmenter(
            init_cfg=dict(
                type='StrictPretrained',
                checkpoint=str(path),
                prefix='generator.'))
    with pytest.raises(FileNotFoundError, match='missing.pth'):
        segmenter(
            init_cfg=dict(
                type='StrictPretrained',
                checkpoint=str(tmp_path / 'missing.pth')))


def test_flow_magnitude_baseline_finds_the_moving_sprites():
    model = MODELS.build(dict(type='FlowMagnitudeSegmenter'))
    scores = []
    for seed in range(3):
        clip = render_sprite_clip(seed=seed)
        video = torch.from_numpy(clip['imgs']).permute(3, 0, 1, 2)[None]
        data = model.data_preprocessor(dict(inputs=dict(video=video)))
        masks = model(data['inputs'])[0, 0].numpy() > 0.5
        scores.append(
            np.mean([
                region_iou(m, g) for m, g in zip(masks, clip['gt_masks'] > 0)
            ]))
    assert np.mean(scores) > 0.2


def test_fixed_threshold_baseline_and_bad_threshold():
    model = MODELS.build(dict(type='FlowMagnitudeSegmenter', threshold=1.0))
    mag = np.array([[[0.5, 1.5]]])
    assert model.frame_masks(mag).tolist() == [[[0.0, 1.0]]]
    with pytest.raises(ValueError, match='otsu'):
        MODELS.build(dict(type='FlowMagnitudeSegmenter', threshold='mean'))


def test_flow_baseline_keeps_the_last_real_frame_of_a_padded_shot():
    model = MODELS.build(dict(type='FlowMagnitudeSegmenter'))
    clip = render_sprite_clip(seed=1)
    frames = np.concatenate([
        clip['imgs'][:20], clip['imgs'][19:20].repeat(12, axis=0)
    ])  # 20 real frames, padded to 32
    video = torch.from_numpy(frames).permute(3, 0, 1, 2)[None]
    data = model.data_preprocessor(dict(inputs=dict(video=video)))
    sample = BaseDataElement(metainfo=dict(num_valid=20))
    out = model(data['inputs'], [sample], mode='predict')[0].pred_seg
    assert out[19].sum() > 0
    assert out[19].sum() == out[18].sum()
