from contextlib import contextmanager

import torch
import torch.nn as nn
from mmengine.optim import OptimWrapper

from vosgan_mm.registry import OPTIM_WRAPPERS


@OPTIM_WRAPPERS.register_module()
class CPUAutocastOptimWrapper(OptimWrapper):
    """An optimizer wrapper whose forward context is CPU autocast.

    MMEngine's ``AmpOptimWrapper`` needs CUDA; on a CPU with bf16 support
    (e.g. AMX) autocast to bfloat16 about halves a VOS-GAN step. bfloat16
    keeps float32's exponent range, so no loss scaling is needed.

    Args:
        dtype (str): Autocast dtype, ``'bfloat16'`` (default) or
            ``'float16'``.
        **kwargs: Arguments of ``OptimWrapper``.
    """

    def __init__(self, dtype: str = 'bfloat16', **kwargs):
        super().__init__(**kwargs)
        self.cast_dtype = getattr(torch, dtype)

    @contextmanager
    def optim_context(self, model: nn.Module):
        with super().optim_context(model), torch.autocast(
                device_type='cpu', dtype=self.cast_dtype):
            yield
