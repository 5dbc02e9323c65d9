"""The networks' convolutions, computed on a GPU in forms that cuDNN runs
well: the same parameters and outputs (to float rounding).

cuDNN falls back to slow generic kernels for some of the paper's layers,
which are plain matrix products or ordinary convolutions in disguise:

- a transposed convolution of a 1x1(x1) map (the generators' first layers:
  the latent code to 512x4x4 or 512x2x4x4) is one matrix product of the
  codes with the weights;
- a convolution whose kernel covers its whole input without padding (the
  discriminators' last layer, (2, 4, 4) over a 2x4x4 map) is one matrix
  product of the flattened maps with the flattened weights;
- a stride-1 transposed convolution (the motion stream's first layer,
  kernel 2, padding 1) is an ordinary convolution with the kernel flipped,
  its channel axes swapped and padding ``kernel - 1 - padding``.

Each class takes that form on CUDA and PyTorch's own operation elsewhere
(``form='auto'``): on a CPU oneDNN runs these layers well, and the
published CPU runs keep their exact numbers. ``form='efficient'`` or
``'standard'`` forces either (the tests compare them on a CPU).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

FORMS = ('auto', 'efficient', 'standard')


def _efficient(module, x: torch.Tensor) -> bool:
    if module.form not in FORMS:
        raise ValueError(f'form must be one of {FORMS}, got {module.form!r}')
    if module.form == 'auto':
        return x.is_cuda
    return module.form == 'efficient'


def _plain(module) -> bool:
    """No dilation, groups or output padding: the forms below apply."""
    return (module.groups == 1 and all(d == 1 for d in module.dilation)
            and all(p == 0 for p in getattr(module, 'output_padding', ()))
            and module.padding_mode == 'zeros')


class _FromPointMixin:
    """A transposed convolution: of a 1x1(x1) map with no padding, one
    matrix product; with stride 1, an ordinary convolution."""

    form = 'auto'

    def forward(self, x: torch.Tensor, output_size=None) -> torch.Tensor:
        if output_size is None and _plain(self) and _efficient(self, x):
            spatial = x.shape[2:]
            if all(s == 1 for s in spatial) and not any(self.padding):
                return self._from_point(x)
            if all(s == 1 for s in self.stride) and all(
                    k - 1 - p >= 0
                    for k, p in zip(self.kernel_size, self.padding)):
                return self._as_convolution(x)
        return super().forward(x, output_size)

    def _from_point(self, x: torch.Tensor) -> torch.Tensor:
        # weight (C_in, C_out, *k): each code times the weights, plus bias
        cells = math.prod(self.kernel_size)
        bias = None if self.bias is None else self.bias.repeat_interleave(
            cells)
        out = F.linear(x.flatten(1), self.weight.flatten(1).t(), bias)
        return out.view(x.shape[0], self.out_channels, *self.kernel_size)

    def _as_convolution(self, x: torch.Tensor) -> torch.Tensor:
        dims = tuple(range(2, self.weight.dim()))
        weight = self.weight.flip(dims).transpose(0, 1)
        padding = tuple(k - 1 - p
                        for k, p in zip(self.kernel_size, self.padding))
        conv = F.conv3d if self.weight.dim() == 5 else F.conv2d
        return conv(x, weight, self.bias, padding=padding)


class EfficientConvTranspose2d(_FromPointMixin, nn.ConvTranspose2d):
    """``nn.ConvTranspose2d`` (the background stream), in the forms above
    on a GPU."""


class EfficientConvTranspose3d(_FromPointMixin, nn.ConvTranspose3d):
    """``nn.ConvTranspose3d`` (the foreground and motion streams), in the
    forms above on a GPU."""


class EfficientConv3d(nn.Conv3d):
    """``nn.Conv3d``; on a GPU, one matrix product where the kernel covers
    the whole unpadded input (a 1x1x1 output)."""

    form = 'auto'

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if (_plain(self) and _efficient(self, x)
                and tuple(x.shape[2:]) == tuple(self.kernel_size)
                and not any(self.padding)):
            out = F.linear(x.flatten(1), self.weight.flatten(1), self.bias)
            return out.view(x.shape[0], self.out_channels, 1, 1, 1)
        return super().forward(x)
