import pytest
import torch
import torch.nn as nn
from mmengine.model import BaseModel

from vosgan_mm.engine.hooks import BatchNormRecalibrationHook


class TinyNormModel(BaseModel):

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv3d(3, 2, 1)
        self.bn = nn.BatchNorm3d(2)

    def forward(self, inputs, data_samples=None, mode='tensor'):
        return self.bn(self.conv(inputs['video']))


class FakeRunner:
    """What the hook reads of a Runner: the model and build_dataloader."""

    def __init__(self, model, batches):
        self.model = model
        self.batches = batches

    def build_dataloader(self, cfg):
        assert cfg == dict(name='unlabelled clips')
        return self.batches


def batches(values):
    return [dict(inputs=dict(video=v)) for v in values]


def test_statistics_become_the_average_over_the_clips_and_weights_stay():
    torch.manual_seed(0)
    model = TinyNormModel().eval()
    model.bn.running_mean.fill_(5.0)
    model.bn.running_var.fill_(9.0)
    weights = {k: v.clone() for k, v in model.named_parameters()}
    videos = [torch.randn(2, 3, 4, 5, 5) * (i + 1) + i for i in range(3)]
    hook = BatchNormRecalibrationHook(dataloader=dict(name='unlabelled clips'))
    hook.before_test(FakeRunner(model, batches(videos)))
    with torch.no_grad():
        features = [model.conv(v) for v in videos]
    expected_mean = torch.stack([f.mean((0, 2, 3, 4)) for f in features])
    expected_var = torch.stack([f.var((0, 2, 3, 4)) for f in features])
    torch.testing.assert_close(model.bn.running_mean, expected_mean.mean(0))
    torch.testing.assert_close(model.bn.running_var, expected_var.mean(0))
    assert not model.training
    assert model.bn.momentum == 0.1
    for name, value in model.named_parameters():
        assert torch.equal(value, weights[name]), name


def test_num_batches_limits_what_is_read():
    model = TinyNormModel()
    videos = [torch.randn(2, 3, 4, 5, 5), torch.randn(2, 3, 4, 5, 5) + 100]
    hook = BatchNormRecalibrationHook(
        dataloader=dict(name='unlabelled clips'), num_batches=1)
    hook.before_val(FakeRunner(model, batches(videos)))
    assert model.bn.running_mean.abs().max() < 10
    assert model.bn.num_batches_tracked.item() == 1


def test_a_model_without_batch_norm_or_clips_is_an_error():
    model = TinyNormModel()
    hook = BatchNormRecalibrationHook(dataloader=dict(name='unlabelled clips'))
    with pytest.raises(ValueError, match='gave no batch'):
        hook.before_test(FakeRunner(model, []))
    plain = TinyNormModel()
    plain.bn = nn.Identity()
    with pytest.raises(ValueError, match='has no batch-norm layer'):
        hook.before_test(FakeRunner(plain, batches([torch.randn(1, 3, 2, 2,
                                                                2)])))
    with pytest.raises(ValueError, match='num_batches must be positive'):
        BatchNormRecalibrationHook(dataloader={}, num_batches=0)
