import pytest

from vosgan_mm.utils import cpu_features
from vosgan_mm.utils.cpu_features import (cpu_flags, cpu_has_native_bf16,
                                          describe_cpu_bf16)

ZEN3 = 'fma avx2 bmi2 sha_ni vaes'
ZEN5 = 'fma avx2 avx512f avx512bw avx512_bf16 avx512_vnni'


def cpuinfo(tmp_path, flags):
    path = tmp_path / 'cpuinfo'
    path.write_text(f'processor\t: 0\nmodel name\t: AMD EPYC\n'
                    f'flags\t\t: fpu sse {flags}\n\nprocessor\t: 1\n')
    return str(path)


@pytest.fixture(autouse=True)
def no_isa_cap(monkeypatch):
    monkeypatch.delenv('ONEDNN_MAX_CPU_ISA', raising=False)
    monkeypatch.delenv('DNNL_MAX_CPU_ISA', raising=False)


def test_flags_are_read_from_the_first_cpu(tmp_path):
    flags = cpu_flags(cpuinfo(tmp_path, ZEN3))
    assert {'avx2', 'fma', 'sse'} <= flags
    assert 'avx512_bf16' not in flags


def test_native_bf16_needs_avx512_bf16_or_amx(tmp_path):
    assert not cpu_has_native_bf16(cpuinfo(tmp_path, ZEN3))
    assert cpu_has_native_bf16(cpuinfo(tmp_path, ZEN5))
    assert cpu_has_native_bf16(cpuinfo(tmp_path, 'avx512f amx_bf16'))


@pytest.mark.parametrize('variable', ['ONEDNN_MAX_CPU_ISA', 'DNNL_MAX_CPU_ISA'])
def test_an_isa_cap_below_bf16_hides_native_bf16(tmp_path, monkeypatch,
                                                  variable):
    monkeypatch.setenv(variable, 'avx2')
    assert not cpu_has_native_bf16(cpuinfo(tmp_path, ZEN5))
    monkeypatch.setenv(variable, 'AVX512_CORE_BF16')
    assert cpu_has_native_bf16(cpuinfo(tmp_path, ZEN5))


def test_description_names_the_cap(monkeypatch):
    monkeypatch.setenv('ONEDNN_MAX_CPU_ISA', 'AVX2')
    assert describe_cpu_bf16().endswith(
        'no native bf16, ONEDNN_MAX_CPU_ISA=AVX2')


def test_unreadable_cpuinfo_falls_back_to_pytorchs_answer(
        tmp_path, monkeypatch):
    monkeypatch.setattr(cpu_features.torch.ops.mkldnn,
                        '_is_mkldnn_bf16_supported', lambda: True)
    assert cpu_has_native_bf16(str(tmp_path / 'missing'))
