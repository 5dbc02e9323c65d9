"""FLOPs of a training step, counted from its layers, and the dense peak of
the device it runs on, for FLOP utilisation figures."""
import os
from typing import Callable, Optional, Tuple

import torch
from torch.utils.flop_counter import FlopCounterMode

# Dense peak TFLOP/s of data-centre GPUs (vendor figures, no sparsity). fp32
# convolutions and matmuls run as TF32 on these by PyTorch's default for
# cuDNN convolutions, so 'fp32' here is the TF32 tensor-core peak.
CUDA_PEAK_TFLOPS = {
    'H200': dict(fp32=494.7, bf16=989.4, fp16=989.4),
    'H100 80GB HBM3': dict(fp32=494.7, bf16=989.4, fp16=989.4),  # SXM
    'H100 PCIe': dict(fp32=378.0, bf16=756.0, fp16=756.0),
    'H100 NVL': dict(fp32=417.5, bf16=835.0, fp16=835.0),
    'A100': dict(fp32=156.0, bf16=312.0, fp16=312.0),
}


def count_flops(step: Callable[[], object]) -> int:
    """FLOPs of running ``step`` once, by PyTorch's FLOP counter
    (convolutions, matrix products and their backward passes; a
    multiply-add counts 2). The counter does not credit backward passes
    to the modules that own them, so only the total is given."""
    with FlopCounterMode(display=False) as counter:
        step()
    return counter.get_total_flops()


def _cpu_flags() -> Tuple[str, int, set, Optional[float]]:
    vendor, family, flags, mhz = '', 0, set(), None
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                key, _, value = (part.strip() for part in line.partition(':'))
                if key == 'vendor_id':
                    vendor = value
                elif key == 'cpu family':
                    family = int(value)
                elif key == 'flags':
                    flags = set(value.split())
                elif key == 'cpu MHz':
                    mhz = max(mhz or 0.0, float(value))
    except OSError:
        pass
    return vendor, family, flags, mhz


def cpu_flops_per_cycle(vendor: str, family: int, flags: set,
                        dtype: str) -> Tuple[int, str]:
    """Dense FLOPs per cycle and core of this CPU's widest multiply-add
    units for ``dtype`` ('fp32' or 'bf16'), and what that assumes."""
    if 'avx512f' in flags:
        if vendor == 'AuthenticAMD' and family < 26:
            fp32, unit = 32, 'AVX-512 on two 256-bit FMA pipes (Zen 4)'
        else:
            fp32, unit = 64, 'two 512-bit FMA pipes'
    elif 'avx2' in flags and 'fma' in flags:
        fp32, unit = 32, 'two 256-bit FMA pipes'
    else:
        fp32, unit = 8, 'SSE'
    if dtype == 'fp32':
        return fp32, unit
    if 'amx_bf16' in flags:
        return 1024, 'AMX bf16 tiles'
    if 'avx512_bf16' in flags:
        return 2 * fp32, f'AVX-512 bf16 dot products ({unit})'
    return fp32, f'no native bf16 ({unit})'


def dense_peak_flops(device: torch.device,
                     dtype: str,
                     threads: Optional[int] = None) -> Tuple[float, str]:
    """The device's dense peak in FLOP/s for ``dtype`` ('fp32', 'bf16' or
    'fp16') and how it was found. Raises ``ValueError`` when it is not
    known (pass the peak by hand then)."""
    device = torch.device(device)
    if device.type == 'cuda':
        name = torch.cuda.get_device_name(device)
        for key, peaks in CUDA_PEAK_TFLOPS.items():
            if key in name:
                return peaks[dtype] * 1e12, f'{name}: {peaks[dtype]} TFLOP/s'
        raise ValueError(f'no dense peak known for {name}; give it with '
                         '--peak-tflops')
    vendor, family, flags, mhz = _cpu_flags()
    if not mhz:
        raise ValueError('the CPU clock is not in /proc/cpuinfo; give the '
                         'peak with --peak-tflops')
    cores = threads or torch.get_num_threads() or os.cpu_count() or 1
    per_cycle, unit = cpu_flops_per_cycle(vendor, family, flags, dtype)
    peak = cores * mhz * 1e6 * per_cycle
    return peak, (f'{cores} cores x {mhz / 1e3:.2f} GHz x {per_cycle} '
                  f'{dtype} FLOP/cycle ({unit})')
