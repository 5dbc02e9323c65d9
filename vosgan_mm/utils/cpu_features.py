"""What this CPU offers bfloat16 autocast.

oneDNN runs bfloat16 with native instructions only on CPUs with AVX-512
BF16 (or AMX); elsewhere it converts to float32 and back, or refuses the
primitive (an LSTM on an AVX2-only CPU). ``ONEDNN_MAX_CPU_ISA`` (or its
older name ``DNNL_MAX_CPU_ISA``) caps the instructions oneDNN may use, so a
CPU with native bfloat16 can be made to behave as an older one.
"""
import os
from typing import FrozenSet

import torch

# what bfloat16 autocast cost on a CPU without native bfloat16, an AVX2-only
# AMD EPYC (Zen 3): the main command's training step (docs/speed.md)
EMULATED_BF16_SLOWDOWN = 'about 30x'
# CPU flags (Linux /proc/cpuinfo) of native bfloat16 dot products
NATIVE_BF16_FLAGS = ('avx512_bf16', 'amx_bf16')
# oneDNN ISA caps below AVX512_CORE_BF16
ISA_CAPS_WITHOUT_BF16 = ('SSE41', 'AVX', 'AVX2', 'AVX2_VNNI', 'AVX2_VNNI_2',
                         'AVX512_CORE', 'AVX512_CORE_VNNI')


def cpu_flags(cpuinfo: str = '/proc/cpuinfo') -> FrozenSet[str]:
    """The flags of the first CPU in ``cpuinfo``; empty where it cannot be
    read (not Linux)."""
    try:
        with open(cpuinfo) as f:
            for line in f:
                if line.startswith('flags'):
                    return frozenset(line.split(':', 1)[1].split())
    except OSError:
        pass
    return frozenset()


def onednn_isa_cap() -> str:
    """The ISA cap set for oneDNN in the environment, upper case, or ''."""
    return (os.environ.get('ONEDNN_MAX_CPU_ISA')
            or os.environ.get('DNNL_MAX_CPU_ISA') or '').upper()


def cpu_has_native_bf16(cpuinfo: str = '/proc/cpuinfo') -> bool:
    """Whether bfloat16 runs natively on this CPU for oneDNN: AVX-512 BF16
    or AMX in its flags, and no ``ONEDNN_MAX_CPU_ISA`` cap below them.
    Where the flags cannot be read, what PyTorch reports of oneDNN's
    bfloat16 support."""
    if onednn_isa_cap() in ISA_CAPS_WITHOUT_BF16:
        return False
    flags = cpu_flags(cpuinfo)
    if flags:
        return any(flag in flags for flag in NATIVE_BF16_FLAGS)
    return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())


def describe_cpu_bf16() -> str:
    """One line for logs and tools: PyTorch's vector capability and
    whether bfloat16 is native, with the oneDNN cap if one is set."""
    cap = onednn_isa_cap()
    native = 'native bf16' if cpu_has_native_bf16() else 'no native bf16'
    capped = f', ONEDNN_MAX_CPU_ISA={cap}' if cap else ''
    return (f'CPU capability {torch.backends.cpu.get_cpu_capability()}, '
            f'{native}{capped}')
