from .inception_v3 import InceptionV3
from .small_image_classifier import SmallImageClassifier

__all__ = ['InceptionV3', 'SmallImageClassifier']
