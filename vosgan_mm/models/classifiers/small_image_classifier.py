from typing import Dict, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F

from vosgan_mm.registry import MODELS
from vosgan_mm.utils import load_weights_file


@MODELS.register_module()
class SmallImageClassifier(nn.Module):
    """A small convolutional image classifier, randomly initialised from a
    seed: a stand-in for Inception-v3 in IS/FCD where its weights are not at
    hand (tests, the no-download demo). Its scores are not comparable to
    Inception's.

    Args:
        num_classes (int): Defaults to 10.
        input_size (int): Images are resized to this. Defaults to 64.
        seed (int): Seed of the random weights. Defaults to 0.
        checkpoint (str, optional): Weights to load instead (weights-only
            and strictly; an error names the file).

    Shapes:
        images (N, 3, H, W) in [-1, 1] -> ``logits`` (N, num_classes),
        ``features`` (N, 128).
    """

    def __init__(self,
                 num_classes: int = 10,
                 input_size: int = 64,
                 seed: int = 0,
                 checkpoint: Optional[str] = None):
        super().__init__()
        self.input_size = input_size
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            self.features = nn.Sequential(
                nn.Conv2d(3, 32, 3,
                          2, 1), nn.ReLU(), nn.Conv2d(32, 64, 3, 2, 1),
                nn.ReLU(), nn.Conv2d(64, 128, 3, 2, 1), nn.ReLU(),
                nn.AdaptiveAvgPool2d(1), nn.Flatten())
            self.fc = nn.Linear(128, num_classes)
            # unit-variance class scores: random, but decisive, predictions
            nn.init.normal_(self.fc.weight, std=1.0)
            nn.init.zeros_(self.fc.bias)
        if checkpoint is not None:
            load_weights_file(self, checkpoint)
        self.eval()

    def forward(self, images: torch.Tensor) -> Dict[str, torch.Tensor]:
        x = F.interpolate(
            images.float(),
            size=(self.input_size, self.input_size),
            mode='bilinear',
            align_corners=False)
        features = self.features(x)
        # standardised features: each image's scores have unit scale
        unit = features / (features.norm(dim=1, keepdim=True) + 1e-8)
        return dict(
            logits=self.fc(unit * features.shape[1]**0.5), features=features)
