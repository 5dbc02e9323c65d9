from .fid_inception_v3 import FIDInceptionV3
from .in_domain_frame_classifiers import (PhotoSceneFrameClassifier,
                                          SpriteFrameClassifier)
from .inception_v3 import InceptionV3
from .small_image_classifier import SmallImageClassifier

__all__ = [
    'FIDInceptionV3', 'InceptionV3', 'PhotoSceneFrameClassifier',
    'SmallImageClassifier', 'SpriteFrameClassifier'
]
