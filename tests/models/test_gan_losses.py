import math

import pytest
import torch

from vosgan_mm.models.losses import (adversarial_loss, flow_loss,
                                     mask_binarization_loss,
                                     mask_sparsity_loss, segmentation_loss)


def test_adversarial_loss_is_minus_log_probability_of_the_target():
    logits = torch.tensor([0.0, math.log(3.0)])  # D_adv = 1/2 and 3/4
    real = adversarial_loss(logits, True)
    fake = adversarial_loss(logits, False)
    assert real.item() == pytest.approx(-(math.log(0.5) + math.log(0.75)) / 2)
    assert fake.item() == pytest.approx(-(math.log(0.5) + math.log(0.25)) / 2)


def test_segmentation_loss_is_pixelwise_nll_of_the_generator_mask():
    probs = torch.tensor([0.9, 0.2, 0.5, 0.7]).view(1, 1, 1, 2, 2)
    mask = torch.tensor([1.0, 0.0, 1.0, 0.5]).view(1, 1, 1, 2, 2)
    nll = -(mask * probs.log() + (1 - mask) * (1 - probs).log()).mean()
    loss = segmentation_loss(torch.logit(probs), mask)
    assert loss.item() == pytest.approx(nll.item(), rel=1e-5)


def test_segmentation_target_carries_no_gradient():
    mask = torch.rand(1, 1, 2, 2, 2, requires_grad=True)
    logits = torch.zeros(1, 1, 2, 2, 2, requires_grad=True)
    segmentation_loss(logits, mask).backward()
    assert mask.grad is None and logits.grad is not None


def test_flow_loss_is_mse_over_all_but_the_last_frame():
    pred = torch.zeros(1, 2, 3, 2, 2)
    pred[:, :, -1] = 100.0  # the last frame has no target: ignored
    target = torch.full((1, 2, 2, 2, 2), 0.5)
    target[0, 0, 0, 0, 0] = 1.0
    expected = (2 * 2 * 2 * 2 - 1) * 0.25 / 16 + 1.0 / 16
    assert flow_loss(pred, target).item() == pytest.approx(expected)


def test_flow_loss_rejects_targets_of_wrong_length():
    with pytest.raises(ValueError, match='T-1 target frames'):
        flow_loss(torch.zeros(1, 2, 4, 2, 2), torch.zeros(1, 2, 4, 2, 2))


def test_variance_normalised_flow_loss_is_one_for_the_mean_prediction():
    target = 0.5 + 0.01 * torch.randn(2, 2, 3, 8, 8)  # sub-pixel motion
    mean = torch.full((2, 2, 4, 8, 8), target.mean().item())
    plain = flow_loss(mean, target)
    normalised = flow_loss(mean, target, normalization='variance')
    assert plain.item() < 1e-3
    var = target.var().item()
    assert normalised.item() == pytest.approx(
        plain.item() / (var + 1e-4), rel=1e-5)
    assert normalised.item() == pytest.approx(var / (var + 1e-4), rel=1e-2)
    # a batch without motion stays finite
    still = torch.full((1, 2, 3, 4, 4), 0.5)
    assert torch.isfinite(
        flow_loss(torch.zeros(1, 2, 4, 4, 4), still, 'variance'))
    with pytest.raises(ValueError, match='"none" or "variance"'):
        flow_loss(mean, target, normalization='std')


def test_mask_priors_on_hand_built_masks():
    mask = torch.tensor([0.0, 1.0, 0.5, 0.2]).view(1, 1, 1, 2, 2)
    assert mask_sparsity_loss(mask).item() == pytest.approx(1.7 / 4)
    assert mask_binarization_loss(mask).item() == pytest.approx(0.7 / 4)
    binary = (mask > 0.5).float()
    assert mask_binarization_loss(binary).item() == 0
