"""Counts in a PyTorch profile that say how much a training step waits for
the device and how many pieces of work it issues
(``tools/analysis_tools/benchmark.py``).

The events are ``torch.profiler.profile(...).events()``.
"""
from typing import Iterable

# the calls through which Python reads one value of a tensor
_READ_WRAPPERS = ('aten::item', 'aten::is_nonzero')
# CUDA runtime and driver calls that start a kernel
_LAUNCHES = ('cudaLaunchKernel', 'cudaLaunchKernelExC', 'cuLaunchKernel',
             'cuLaunchKernelEx', 'cudaLaunchCooperativeKernel',
             'cudaGraphLaunch')
# CUDA runtime calls that block the host until the device has caught up
_SYNCS = ('cudaDeviceSynchronize', 'cudaStreamSynchronize',
          'cudaEventSynchronize', 'cudaMemcpy')


def host_reads(events: Iterable) -> int:
    """How many times Python code read a tensor's value (``.item()``,
    ``bool(tensor)``, ``float(tensor)``): each is a host synchronisation
    when the tensor is on a GPU. Reads an operator makes inside its own
    CPU kernel (the CPU ``var`` and fused Adam read CPU scalars) are not
    counted; ``.tolist()`` and ``.cpu()`` are not operators of that kind
    and do not show here (on a GPU, :func:`cuda_synchronisations` counts
    them)."""
    count = 0
    for event in events:
        if event.name != 'aten::_local_scalar_dense':
            continue
        caller = event.cpu_parent
        while caller is not None and caller.name in _READ_WRAPPERS:
            caller = caller.cpu_parent
        if caller is None or not caller.name.startswith('aten::'):
            count += 1
    return count


def operator_calls(events: Iterable) -> int:
    """Operator calls (``aten::``) made by Python code, not by another
    operator (``x.mean()`` is one, though it calls ``sum`` and ``div_``):
    on a CPU, the stand-in for kernel launches."""
    count = 0
    for event in events:
        if not event.name.startswith('aten::'):
            continue
        caller = event.cpu_parent
        while caller is not None and not caller.name.startswith('aten::'):
            caller = caller.cpu_parent
        count += caller is None
    return count


def cuda_kernel_launches(events: Iterable) -> int:
    """CUDA kernel launches (runtime or driver calls; a CUDA graph's launch
    counts once)."""
    return sum(1 for event in events if event.name in _LAUNCHES)


def cuda_synchronisations(events: Iterable) -> int:
    """CUDA runtime calls that wait for the device: explicit
    synchronisations and blocking copies (a ``.item()`` of a GPU tensor
    is a copy and a stream synchronisation)."""
    return sum(1 for event in events if event.name in _SYNCS)
