import logging
from contextlib import contextmanager

import torch
import torch.nn as nn
from mmengine.logging import print_log
from mmengine.optim import OptimWrapper

from vosgan_mm.registry import OPTIM_WRAPPERS
from vosgan_mm.utils.cpu_features import (EMULATED_BF16_SLOWDOWN,
                                          cpu_has_native_bf16,
                                          describe_cpu_bf16)

# said once a process, whatever the number of wrappers
_warned_emulated_bf16 = False


def warn_if_bf16_is_emulated() -> bool:
    """Warns, once a process, that bfloat16 autocast on a CPU without
    native bfloat16 is slower than float32. Returns whether it warned now."""
    global _warned_emulated_bf16
    if _warned_emulated_bf16 or cpu_has_native_bf16():
        return False
    _warned_emulated_bf16 = True
    print_log(
        f'bfloat16 autocast on a CPU without native bfloat16 '
        f'({describe_cpu_bf16()}; AVX-512 BF16 or AMX needed): training '
        'goes on in bfloat16 as asked, but PyTorch takes slow paths here '
        f'(measured {EMULATED_BF16_SLOWDOWN} slower than float32 on an '
        'AVX2-only CPU). Leave out --amp to train faster.',
        logger='current',
        level=logging.WARNING)
    return True


@OPTIM_WRAPPERS.register_module()
class AutocastOptimWrapper(OptimWrapper):
    """An optimizer wrapper whose forward context is autocast to bfloat16 on
    the device the model's parameters are on (CPU or GPU), without loss
    scaling.

    MMEngine's ``AmpOptimWrapper`` needs CUDA and scales the loss with a
    ``GradScaler``, which float16 needs and bfloat16 does not: bfloat16
    keeps float32's exponent range. Without the scaler nothing reads the
    device between backward pass and step (the scaler checks its gradients
    on the host unless the optimizer is fused). On a CPU with bf16 dot
    products (AVX-512 BF16) autocast takes about 0.63x of a float32
    VOS-GAN step; on a CPU without them it is slower than float32, and the
    first step on such a CPU says so once (:func:`warn_if_bf16_is_emulated`).

    Args:
        dtype (str): Autocast dtype, ``'bfloat16'`` (default) or
            ``'float16'`` (then without loss scaling: prefer
            ``AmpOptimWrapper`` for it on a GPU).
        **kwargs: Arguments of ``OptimWrapper``.
    """

    def __init__(self, dtype: str = 'bfloat16', **kwargs):
        super().__init__(**kwargs)
        self.cast_dtype = getattr(torch, dtype)

    @contextmanager
    def optim_context(self, model: nn.Module):
        param = next(model.parameters(), None)
        device_type = 'cpu' if param is None else param.device.type
        if device_type == 'cpu' and self.cast_dtype == torch.bfloat16:
            warn_if_bf16_is_emulated()
        with super().optim_context(model), torch.autocast(
                device_type=device_type, dtype=self.cast_dtype):
            yield
