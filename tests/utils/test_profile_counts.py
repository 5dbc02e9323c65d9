import torch

from vosgan_mm.utils import (cuda_kernel_launches, cuda_synchronisations,
                             host_reads, operator_calls)


def profiled(step):
    with torch.profiler.profile() as prof:
        step()
    return prof.events()


def test_host_reads_count_python_reads_not_reads_inside_operators():
    x = torch.randn(8)
    events = profiled(lambda: (x.sum().item(), bool(x.max() > 0), x.var()))
    # .item() and bool(); the CPU var reads its mean internally
    assert host_reads(events) == 2
    assert host_reads(profiled(lambda: x.var())) == 0


def test_operator_calls_count_the_calls_python_makes():
    x = torch.randn(8)
    assert operator_calls(profiled(lambda: torch.add(x, 1).mul(2))) == 2
    # mean calls sum and div_ itself: one call
    events = profiled(lambda: x.mean())
    assert operator_calls(events) == 1
    assert sum(1 for e in events if e.name.startswith('aten::')) > 1


def test_cuda_counts_are_zero_for_cpu_work():
    events = profiled(lambda: torch.randn(4).sum().item())
    assert cuda_kernel_launches(events) == cuda_synchronisations(events) == 0
