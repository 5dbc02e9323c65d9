import pytest
import torch
import torch.nn as nn

from tests.conftest import load_tool

benchmark = load_tool('tools/analysis_tools/benchmark.py')
count_flops = benchmark.count_flops
cpu_flops_per_cycle = benchmark.cpu_flops_per_cycle
dense_peak_flops = benchmark.dense_peak_flops


def test_counts_forward_and_backward_multiply_adds_twice():
    layer = nn.Linear(4, 3, bias=False)
    x = torch.randn(2, 4)

    def forward():
        layer(x)

    def forward_backward():
        layer(x).sum().backward()

    assert count_flops(forward) == 2 * 2 * 4 * 3
    # backward: the weight's gradient (the input needs none)
    assert count_flops(forward_backward) == 2 * (2 * 2 * 4 * 3)


def test_counts_convolutions():
    net = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1))
    assert count_flops(lambda: net(torch.randn(1, 1, 8, 8))) == 2 * 9 * 2 * 64


@pytest.mark.parametrize('vendor,family,flags,dtype,expected', [
    ('GenuineIntel', 6, {'avx512f', 'amx_bf16'}, 'bf16', 1024),
    ('GenuineIntel', 6, {'avx512f', 'amx_bf16'}, 'fp32', 64),
    ('AuthenticAMD', 25, {'avx512f', 'avx512_bf16'}, 'fp32', 32),
    ('AuthenticAMD', 26, {'avx512f', 'avx512_bf16'}, 'bf16', 128),
    ('AuthenticAMD', 23, {'avx2', 'fma'}, 'bf16', 32),
])
def test_cpu_peak_per_cycle_follows_the_vector_units(vendor, family, flags,
                                                     dtype, expected):
    assert cpu_flops_per_cycle(vendor, family, flags, dtype)[0] == expected


def test_unknown_gpu_asks_for_the_peak(monkeypatch):
    monkeypatch.setattr(
        torch.cuda, 'get_device_name', lambda device=None: 'Some GPU 9000')
    with pytest.raises(ValueError, match='Some GPU 9000.*--peak-tflops'):
        dense_peak_flops('cuda', 'bf16')


def test_known_gpu_peak_is_looked_up_by_name(monkeypatch):
    monkeypatch.setattr(
        torch.cuda,
        'get_device_name',
        lambda device=None: 'NVIDIA H100 80GB HBM3')
    peak, source = dense_peak_flops('cuda', 'bf16')
    assert peak == pytest.approx(989.4e12)
    assert 'H100' in source
