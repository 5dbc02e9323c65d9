import os.path as osp

import pytest
import torch

from vosgan_mm.models.classifiers import (PhotoSceneFrameClassifier,
                                          SpriteFrameClassifier)
from vosgan_mm.models.classifiers.in_domain_frame_classifiers import (
    PHOTO_SCENE_FRAME_CLASSIFIER_WEIGHTS, SPRITE_FRAME_CLASSIFIER_WEIGHTS)
from vosgan_mm.registry import MODELS


@pytest.mark.parametrize('name,weights,classes', [
    ('SpriteFrameClassifier', SPRITE_FRAME_CLASSIFIER_WEIGHTS, 5),
    ('PhotoSceneFrameClassifier', PHOTO_SCENE_FRAME_CLASSIFIER_WEIGHTS, 7),
])
def test_the_shipped_weights_load_from_the_package(name, weights, classes):
    assert osp.isfile(weights)
    net = MODELS.build(dict(type=name))
    stored = torch.load(weights, weights_only=True)
    for key, value in net.state_dict().items():
        assert torch.equal(value, stored[key]), key
    out = net(torch.zeros(3, 3, 64, 64))
    assert out['logits'].shape == (3, classes)
    assert out['features'].shape == (3, 128)
    assert not net.training


@pytest.mark.parametrize('cls',
                         [SpriteFrameClassifier, PhotoSceneFrameClassifier])
def test_a_missing_weights_file_is_named(tmp_path, cls):
    missing = str(tmp_path / 'nothing.pth')
    with pytest.raises(FileNotFoundError, match='nothing.pth'):
        cls(checkpoint=missing)
