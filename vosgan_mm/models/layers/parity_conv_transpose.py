"""A 3D transposed convolution of kernel 4, stride 2 and padding 1 computed
as one ordinary convolution over the eight output parities."""
import itertools

import torch
import torch.nn as nn
import torch.nn.functional as F

# Along one axis, output 2m reads inputs m-1 and m through kernel taps 3
# and 1; output 2m+1 reads m and m+1 through taps 2 and 0: the even and the
# odd taps of the flipped kernel. On the input padded by one, both are a
# window of two starting at m (even) or m+1 (odd).
_PARITY_WINDOW_START = (0, 1)


def parity_kernel(weight: torch.Tensor) -> torch.Tensor:
    """The (C_in, C_out, 4, 4, 4) weight of a transposed convolution as the
    (8 * C_out, C_in, 2, 2, 2) weight of an ordinary one whose output
    channel ``p * C_out + c`` is channel ``c`` at output parity ``p``
    (``p = 4 * parity_t + 2 * parity_h + parity_w``). Slices, not index
    tensors: nothing is copied from the host."""
    flipped = weight.flip((2, 3, 4))
    # (C_in, C_out, 2, 2, 2) each: the taps of one parity along each axis
    kernels = [
        flipped[:, :, pt::2, ph::2, pw::2].transpose(0, 1)
        for pt, ph, pw in itertools.product((0, 1), repeat=3)
    ]
    return torch.cat(kernels, 0)


def parity_conv_transpose3d(x: torch.Tensor,
                            weight: torch.Tensor,
                            bias: torch.Tensor = None) -> torch.Tensor:
    """``F.conv_transpose3d(x, weight, bias, stride=2, padding=1)`` for a
    kernel of 4, as one convolution of kernel 2 over the padded input that
    gives all eight output parities, interleaved afterwards. The sums are
    the same, taken in another order: outputs agree to float rounding."""
    n, _, d, h, w = x.shape
    c_out = weight.shape[1]
    parities = F.conv3d(
        F.pad(x, (1, 1, 1, 1, 1, 1)), parity_kernel(weight),
        None if bias is None else bias.repeat(8))
    parities = parities.view(n, 2, 2, 2, c_out, d + 1, h + 1, w + 1)
    out = parities.new_empty(n, c_out, d, 2, h, 2, w, 2)
    for pt, t0 in enumerate(_PARITY_WINDOW_START):
        for ph, h0 in enumerate(_PARITY_WINDOW_START):
            for pw, w0 in enumerate(_PARITY_WINDOW_START):
                out[:, :, :, pt, :, ph, :,
                    pw] = parities[:, pt, ph, pw, :, t0:t0 + d, h0:h0 + h,
                                   w0:w0 + w]
    return out.view(n, c_out, 2 * d, 2 * h, 2 * w)


class _ParityForward(torch.autograd.Function):
    """Forward over output parities, backward as PyTorch's transposed
    convolution's own (an ordinary strided convolution and a weight
    gradient, both fast): the parity form's own backward is slower."""

    @staticmethod
    def forward(ctx, x, weight, bias):
        ctx.save_for_backward(x, weight)
        ctx.has_bias = bias is not None
        return parity_conv_transpose3d(x, weight, bias)

    @staticmethod
    def backward(ctx, grad):
        x, weight = ctx.saved_tensors
        grad_x, grad_weight, grad_bias = torch.ops.aten.convolution_backward(
            grad.contiguous(), x, weight,
            [weight.shape[1]] if ctx.has_bias else None, [2, 2, 2], [1, 1, 1],
            [1, 1, 1], True, [0, 0, 0], 1, [
                ctx.needs_input_grad[0], ctx.needs_input_grad[1], ctx.has_bias
                and ctx.needs_input_grad[2]
            ])
        return grad_x, grad_weight, grad_bias


class ParityConvTranspose3d(nn.ConvTranspose3d):
    """``nn.ConvTranspose3d`` (same parameters, checkpoints and
    initialisation) whose kernel-4, stride-2, padding-1 case runs as
    :func:`parity_conv_transpose3d`. PyTorch's CPU transposed convolution
    is slow for the few output channels of the full-resolution heads (1-3
    channels: about 26 ms a call at 8 x 16 x 16 x 32 x 32 in, 2 threads),
    where the parity form takes 8-13 ms; for wide layers it is not faster.
    The backward pass is the transposed convolution's own. Any other
    configuration, and any input on a GPU (where the parity form was not
    measured faster), runs the ordinary transposed convolution."""

    def _parity_case(self, output_size) -> bool:
        return (output_size is None and self.kernel_size == (4, 4, 4)
                and self.stride == (2, 2, 2) and self.padding == (1, 1, 1)
                and self.output_padding == (0, 0, 0)
                and self.dilation == (1, 1, 1) and self.groups == 1
                and self.padding_mode == 'zeros')

    def forward(self, input: torch.Tensor, output_size=None) -> torch.Tensor:
        if input.dim(
        ) != 5 or input.is_cuda or not self._parity_case(output_size):
            return super().forward(input, output_size)
        device = input.device.type
        if not torch.is_autocast_enabled(device):
            return _ParityForward.apply(input, self.weight, self.bias)
        # as autocast treats a transposed convolution: inputs and
        # parameters cast to its dtype (the casts are in the graph, so
        # the parameters' gradients come back in their own dtype)
        dtype = torch.get_autocast_dtype(device)
        bias = None if self.bias is None else self.bias.to(dtype)
        with torch.autocast(device, enabled=False):
            return _ParityForward.apply(
                input.to(dtype), self.weight.to(dtype), bias)
