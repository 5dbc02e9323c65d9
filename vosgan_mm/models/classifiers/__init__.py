from .fid_inception_v3 import FIDInceptionV3
from .inception_v3 import InceptionV3
from .small_image_classifier import SmallImageClassifier
from .sprite_frame_classifier import SpriteFrameClassifier

__all__ = [
    'FIDInceptionV3', 'InceptionV3', 'SmallImageClassifier',
    'SpriteFrameClassifier'
]
