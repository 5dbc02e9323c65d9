"""Inception-v3 (Szegedy et al. 2016) as a plain ``torch.nn`` module.

Its parameter names follow the widely distributed ImageNet weight files of
this architecture (``Conv2d_1a_3x3.conv.weight``, ``Mixed_5b.branch1x1...``,
``fc.weight``), so those load from a local file. Nothing is downloaded.
"""
import os.path as osp
from typing import Dict, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from vosgan_mm.registry import MODELS
from vosgan_mm.utils import load_weights_file


class BasicConv2d(nn.Sequential):
    """Convolution without bias, batch norm (eps 1e-3), ReLU."""

    def __init__(self, cin, cout, kernel_size, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(
            cin, cout, kernel_size, stride, padding, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)
        self.add_module('relu', nn.ReLU(inplace=True))


def avg_pool_3x3() -> nn.Module:
    """The pool branch's pooling of the A, C and E blocks (the padding
    counted in the average, as torchvision's port of these weights)."""
    return nn.AvgPool2d(kernel_size=3, stride=1, padding=1)


class InceptionA(nn.Module):
    """``pool``: the pool branch's pooling (None: :func:`avg_pool_3x3`); as
    in the C and E blocks."""

    def __init__(self, cin, pool_features, pool=None):
        super().__init__()
        self.branch1x1 = BasicConv2d(cin, 64, 1)
        self.branch5x5_1 = BasicConv2d(cin, 48, 1)
        self.branch5x5_2 = BasicConv2d(48, 64, 5, padding=2)
        self.branch3x3dbl_1 = BasicConv2d(cin, 64, 1)
        self.branch3x3dbl_2 = BasicConv2d(64, 96, 3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(96, 96, 3, padding=1)
        self.pool = avg_pool_3x3() if pool is None else pool
        self.branch_pool = BasicConv2d(cin, pool_features, 1)

    def forward(self, x):
        return torch.cat([
            self.branch1x1(x),
            self.branch5x5_2(self.branch5x5_1(x)),
            self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x))),
            self.branch_pool(self.pool(x))
        ], 1)


class InceptionB(nn.Module):

    def __init__(self, cin):
        super().__init__()
        self.branch3x3 = BasicConv2d(cin, 384, 3, stride=2)
        self.branch3x3dbl_1 = BasicConv2d(cin, 64, 1)
        self.branch3x3dbl_2 = BasicConv2d(64, 96, 3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(96, 96, 3, stride=2)

    def forward(self, x):
        return torch.cat([
            self.branch3x3(x),
            self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x))),
            F.max_pool2d(x, kernel_size=3, stride=2)
        ], 1)


class InceptionC(nn.Module):

    def __init__(self, cin, c7, pool=None):
        super().__init__()
        self.branch1x1 = BasicConv2d(cin, 192, 1)
        self.branch7x7_1 = BasicConv2d(cin, c7, 1)
        self.branch7x7_2 = BasicConv2d(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7_3 = BasicConv2d(c7, 192, (7, 1), padding=(3, 0))
        self.branch7x7dbl_1 = BasicConv2d(cin, c7, 1)
        self.branch7x7dbl_2 = BasicConv2d(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_3 = BasicConv2d(c7, c7, (1, 7), padding=(0, 3))
        self.branch7x7dbl_4 = BasicConv2d(c7, c7, (7, 1), padding=(3, 0))
        self.branch7x7dbl_5 = BasicConv2d(c7, 192, (1, 7), padding=(0, 3))
        self.pool = avg_pool_3x3() if pool is None else pool
        self.branch_pool = BasicConv2d(cin, 192, 1)

    def forward(self, x):
        dbl = x
        for i in range(1, 6):
            dbl = getattr(self, f'branch7x7dbl_{i}')(dbl)
        return torch.cat([
            self.branch1x1(x),
            self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x))), dbl,
            self.branch_pool(self.pool(x))
        ], 1)


class InceptionD(nn.Module):

    def __init__(self, cin):
        super().__init__()
        self.branch3x3_1 = BasicConv2d(cin, 192, 1)
        self.branch3x3_2 = BasicConv2d(192, 320, 3, stride=2)
        self.branch7x7x3_1 = BasicConv2d(cin, 192, 1)
        self.branch7x7x3_2 = BasicConv2d(192, 192, (1, 7), padding=(0, 3))
        self.branch7x7x3_3 = BasicConv2d(192, 192, (7, 1), padding=(3, 0))
        self.branch7x7x3_4 = BasicConv2d(192, 192, 3, stride=2)

    def forward(self, x):
        b7 = x
        for i in range(1, 5):
            b7 = getattr(self, f'branch7x7x3_{i}')(b7)
        return torch.cat([
            self.branch3x3_2(self.branch3x3_1(x)), b7,
            F.max_pool2d(x, kernel_size=3, stride=2)
        ], 1)


class InceptionE(nn.Module):

    def __init__(self, cin, pool=None):
        super().__init__()
        self.branch1x1 = BasicConv2d(cin, 320, 1)
        self.branch3x3_1 = BasicConv2d(cin, 384, 1)
        self.branch3x3_2a = BasicConv2d(384, 384, (1, 3), padding=(0, 1))
        self.branch3x3_2b = BasicConv2d(384, 384, (3, 1), padding=(1, 0))
        self.branch3x3dbl_1 = BasicConv2d(cin, 448, 1)
        self.branch3x3dbl_2 = BasicConv2d(448, 384, 3, padding=1)
        self.branch3x3dbl_3a = BasicConv2d(384, 384, (1, 3), padding=(0, 1))
        self.branch3x3dbl_3b = BasicConv2d(384, 384, (3, 1), padding=(1, 0))
        self.pool = avg_pool_3x3() if pool is None else pool
        self.branch_pool = BasicConv2d(cin, 192, 1)

    def forward(self, x):
        b3 = self.branch3x3_1(x)
        dbl = self.branch3x3dbl_2(self.branch3x3dbl_1(x))
        return torch.cat([
            self.branch1x1(x),
            torch.cat([self.branch3x3_2a(b3),
                       self.branch3x3_2b(b3)], 1),
            torch.cat([self.branch3x3dbl_3a(dbl),
                       self.branch3x3dbl_3b(dbl)], 1),
            self.branch_pool(self.pool(x))
        ], 1)


class InceptionAux(nn.Module):
    """Auxiliary classifier: held so the weight files load; not used."""

    def __init__(self, cin, num_classes):
        super().__init__()
        self.conv0 = BasicConv2d(cin, 128, 1)
        self.conv1 = BasicConv2d(128, 768, 5)
        self.fc = nn.Linear(768, num_classes)


WEIGHTS_HELP = (
    'Inception-v3 ImageNet weights are not downloaded at run time. Put a '
    'state-dict file of this architecture (e.g. the ImageNet Inception-v3 '
    'weights that torchvision distributes as inception_v3_google-*.pth) at '
    'that path, or point the config\'s classifier checkpoint to it.')



def inception_trunk(net: nn.Module, x: torch.Tensor) -> torch.Tensor:
    """The layers of an Inception-v3 (torchvision's names) from the resized
    input to Mixed_7c's (N, 2048, 8, 8) map, shared by :class:`InceptionV3`
    and the FID variant."""
    x = net.Conv2d_2b_3x3(net.Conv2d_2a_3x3(net.Conv2d_1a_3x3(x)))
    x = F.max_pool2d(x, kernel_size=3, stride=2)
    x = net.Conv2d_4a_3x3(net.Conv2d_3b_1x1(x))
    x = F.max_pool2d(x, kernel_size=3, stride=2)
    for name in ('Mixed_5b', 'Mixed_5c', 'Mixed_5d', 'Mixed_6a', 'Mixed_6b',
                 'Mixed_6c', 'Mixed_6d', 'Mixed_6e', 'Mixed_7a', 'Mixed_7b',
                 'Mixed_7c'):
        x = getattr(net, name)(x)
    return x


@MODELS.register_module()
class InceptionV3(nn.Module):
    """Inception-v3 image classifier for IS and FCD.

    Args:
        checkpoint (str, optional): Local file of ImageNet weights. None
            keeps random weights (only for tests).
        num_classes (int): Classes of the weight file. Defaults to 1000.
        input_size (int): Frames are resized to this. Defaults to 299.

    Shapes:
        images (N, 3, H, W) in [-1, 1] (the range the weights expect) ->
        ``logits`` (N, num_classes), ``features`` (N, 2048) (pool3).
    """

    def __init__(self,
                 checkpoint: Optional[str] = None,
                 num_classes: int = 1000,
                 input_size: int = 299):
        super().__init__()
        self.input_size = input_size
        self.Conv2d_1a_3x3 = BasicConv2d(3, 32, 3, stride=2)
        self.Conv2d_2a_3x3 = BasicConv2d(32, 32, 3)
        self.Conv2d_2b_3x3 = BasicConv2d(32, 64, 3, padding=1)
        self.Conv2d_3b_1x1 = BasicConv2d(64, 80, 1)
        self.Conv2d_4a_3x3 = BasicConv2d(80, 192, 3)
        self.Mixed_5b = InceptionA(192, 32)
        self.Mixed_5c = InceptionA(256, 64)
        self.Mixed_5d = InceptionA(288, 64)
        self.Mixed_6a = InceptionB(288)
        self.Mixed_6b = InceptionC(768, 128)
        self.Mixed_6c = InceptionC(768, 160)
        self.Mixed_6d = InceptionC(768, 160)
        self.Mixed_6e = InceptionC(768, 192)
        self.AuxLogits = InceptionAux(768, num_classes)
        self.Mixed_7a = InceptionD(768)
        self.Mixed_7b = InceptionE(1280)
        self.Mixed_7c = InceptionE(2048)
        self.fc = nn.Linear(2048, num_classes)
        if checkpoint is not None:
            self.load_weights(checkpoint)
        self.eval()

    def load_weights(self, checkpoint: str) -> None:
        if not osp.isfile(checkpoint):
            raise FileNotFoundError(
                f'Inception-v3 weights not found: {checkpoint}. '
                f'{WEIGHTS_HELP}')
        load_weights_file(self, checkpoint)

    def forward(self, images: torch.Tensor) -> Dict[str, torch.Tensor]:
        x = F.interpolate(
            images.float(),
            size=(self.input_size, self.input_size),
            mode='bilinear',
            align_corners=False)
        x = inception_trunk(self, x)
        features = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return dict(logits=self.fc(features), features=features)
