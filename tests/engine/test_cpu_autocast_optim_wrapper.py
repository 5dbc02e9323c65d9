import torch
import torch.nn as nn

from vosgan_mm.engine.optimizers import CPUAutocastOptimWrapper


def test_forward_in_context_runs_in_bfloat16_and_updates_float32_weights():
    net = nn.Linear(4, 4)
    wrapper = CPUAutocastOptimWrapper(
        optimizer=torch.optim.SGD(net.parameters(), lr=0.1))
    before = net.weight.detach().clone()
    with wrapper.optim_context(net):
        out = net(torch.randn(2, 4))
    assert out.dtype == torch.bfloat16
    wrapper.update_params(out.float().pow(2).mean())
    assert net.weight.dtype == torch.float32
    assert not torch.equal(before, net.weight)
