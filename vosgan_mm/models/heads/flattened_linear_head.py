import math
from typing import Sequence

import torch
import torch.nn as nn
from mmaction.models.heads.base import BaseHead
from mmengine.model.weight_init import normal_init

from vosgan_mm.registry import MODELS


@MODELS.register_module()
class FlattenedLinearHead(BaseHead):
    """A linear classifier on the whole flattened embedding: the paper's
    Table 5 reuse of the discriminator, which drops the real/fake layer and
    trains a linear classifier on the embedding it read (equivalently, a
    (2, 4, 4) convolution to the classes in its place). MMAction2's
    ``I3DHead`` average-pools the embedding over space and time first, a
    variant with 1/32 of the inputs.

    Input sizes: VOS-GAN's discriminator 1024 x 2 x 4 x 4 = 32,768;
    VGAN's and TGAN's 512 x 2 x 4 x 4 = 16,384.

    Args:
        num_classes (int): Classes.
        in_channels (int): Channels of the embedding.
        feature_size (Sequence[int]): Its (T, H, W). Defaults to (2, 4, 4).
        dropout_ratio (float): Dropout before the layer. Defaults to 0.
        init_std (float): Std of the layer's normal initialisation.
            Defaults to 0.01.
        **kwargs: Arguments of MMAction2's ``BaseHead`` (``loss_cls``,
            ``average_clips``...).

    Shapes:
        (N, in_channels, T, H, W) -> (N, num_classes) class scores.
    """

    def __init__(self,
                 num_classes: int,
                 in_channels: int,
                 feature_size: Sequence[int] = (2, 4, 4),
                 dropout_ratio: float = 0.0,
                 init_std: float = 0.01,
                 **kwargs):
        super().__init__(num_classes, in_channels, **kwargs)
        self.feature_size = tuple(feature_size)
        self.init_std = init_std
        self.dropout = nn.Dropout(dropout_ratio) if dropout_ratio else None
        self.fc_cls = nn.Linear(in_channels * math.prod(self.feature_size),
                                num_classes)

    def init_weights(self) -> None:
        normal_init(self.fc_cls, std=self.init_std)

    def forward(self, x: torch.Tensor, **kwargs) -> torch.Tensor:
        expected = (self.in_channels, *self.feature_size)
        if tuple(x.shape[1:]) != expected:
            raise ValueError(
                f'{type(self).__name__} expects embeddings of shape (N, '
                f'{", ".join(map(str, expected))}), got {tuple(x.shape)}: '
                'set in_channels and feature_size to the backbone\'s output')
        x = x.flatten(1)
        if self.dropout is not None:
            x = self.dropout(x)
        return self.fc_cls(x)
