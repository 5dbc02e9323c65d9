import pytest
import torch
import torch.nn as nn
from mmengine.optim import OptimWrapper, OptimWrapperDict

from tests.models.test_vosgan import batch, tiny_vosgan
from vosgan_mm.engine.optimizers import (AutocastOptimWrapper,
                                         autocast_optim_wrapper)

# bf16 on the CPU: CI runs these again with oneDNN capped at AVX2
pytestmark = pytest.mark.bf16


def test_forward_in_context_runs_in_bfloat16_and_updates_float32_weights():
    net = nn.Linear(4, 4)
    wrapper = AutocastOptimWrapper(
        optimizer=torch.optim.SGD(net.parameters(), lr=0.1))
    before = net.weight.detach().clone()
    with wrapper.optim_context(net):
        out = net(torch.randn(2, 4))
    assert out.dtype == torch.bfloat16
    wrapper.update_params(out.float().pow(2).mean())
    assert net.weight.dtype == torch.float32
    assert not torch.equal(before, net.weight)


def test_bf16_gan_losses_stay_within_tolerance_of_fp32_over_first_steps():
    data = batch(with_flow=False)
    losses = {}
    for name, wrapper in (('fp32', OptimWrapper), ('bf16',
                                                   AutocastOptimWrapper)):
        torch.manual_seed(0)
        model = tiny_vosgan()
        optims = OptimWrapperDict(
            **{
                net:
                wrapper(
                    optimizer=torch.optim.Adam(
                        getattr(model, net).parameters(), lr=2e-4))
                for net in ('generator', 'discriminator')
            })
        losses[name] = [model.train_step(data, optims) for _ in range(3)]
    assert losses['fp32'][0]['loss_d'] != losses['bf16'][0]['loss_d']
    for fp32, bf16 in zip(losses['fp32'], losses['bf16']):
        for key, value in fp32.items():
            # relative: the flow terms are about 1e-4 and 1e-2 here, the
            # others about 1 (seen: at most 2 % apart)
            assert bf16[key].item() == pytest.approx(
                value.item(), rel=0.05, abs=1e-6), key


@pytest.mark.parametrize('native', [False, True])
def test_bf16_on_a_cpu_without_native_bf16_warns_once(monkeypatch, native):
    said = []
    monkeypatch.setattr(autocast_optim_wrapper, 'print_log',
                        lambda msg, **kwargs: said.append((msg, kwargs)))
    monkeypatch.setattr(autocast_optim_wrapper, '_warned_emulated_bf16',
                        False)
    monkeypatch.setattr(autocast_optim_wrapper, 'cpu_has_native_bf16',
                        lambda: native)
    net = nn.Linear(4, 4)
    wrappers = [
        AutocastOptimWrapper(
            optimizer=torch.optim.SGD(net.parameters(), lr=0.1))
        for _ in range(2)
    ]
    for wrapper in wrappers * 2:
        with wrapper.optim_context(net):
            assert net(torch.randn(2, 4)).dtype == torch.bfloat16
    if native:
        assert said == []
    else:
        [(message, kwargs)] = said
        assert message.startswith('bfloat16 autocast on a CPU without '
                                  'native bfloat16')
        assert 'Leave out --amp to train faster' in message
        assert kwargs['level'] == 30
