import os.path as osp

import pytest
import torch

from vosgan_mm.models.classifiers import SpriteFrameClassifier
from vosgan_mm.models.classifiers.sprite_frame_classifier import \
    SPRITE_FRAME_CLASSIFIER_WEIGHTS
from vosgan_mm.registry import MODELS


def test_the_shipped_weights_load_from_the_package():
    assert osp.isfile(SPRITE_FRAME_CLASSIFIER_WEIGHTS)
    net = MODELS.build(dict(type='SpriteFrameClassifier'))
    weights = torch.load(SPRITE_FRAME_CLASSIFIER_WEIGHTS, weights_only=True)
    for key, value in net.state_dict().items():
        assert torch.equal(value, weights[key]), key
    out = net(torch.zeros(3, 3, 64, 64))
    assert out['logits'].shape == (3, 5)
    assert out['features'].shape == (3, 128)
    assert not net.training


def test_a_missing_weights_file_is_named(tmp_path):
    missing = str(tmp_path / 'nothing.pth')
    with pytest.raises(FileNotFoundError, match='nothing.pth'):
        SpriteFrameClassifier(checkpoint=missing)
