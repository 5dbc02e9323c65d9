import os.path as osp
from typing import Optional

from vosgan_mm.registry import MODELS
from .small_image_classifier import SmallImageClassifier

# trained by tools/train_frame_classifier.py (held-out accuracies in
# results/generation/<benchmark>_frame_classifier.json); shipped with the
# package
WEIGHTS_DIR = osp.join(osp.dirname(osp.abspath(__file__)), 'weights')
SPRITE_FRAME_CLASSIFIER_WEIGHTS = osp.join(WEIGHTS_DIR,
                                           'sprite_frame_classifier.pth')
PHOTO_SCENE_FRAME_CLASSIFIER_WEIGHTS = osp.join(
    WEIGHTS_DIR, 'photo_scene_frame_classifier.pth')


@MODELS.register_module()
class SpriteFrameClassifier(SmallImageClassifier):
    """The in-domain classifier of IS, FCD and FID on the embedded sprite
    videos: :class:`SmallImageClassifier` trained to tell how many discs
    and squares a frame (or its foreground box) shows, 5 classes
    (``vosgan_mm.datasets.sprite_frame_labels``).

    Args:
        checkpoint (str, optional): Its weights; defaults to the file
            shipped with the package, written by
            ``tools/train_frame_classifier.py``.
    """

    def __init__(self, checkpoint: Optional[str] = None):
        super().__init__(
            num_classes=5,
            checkpoint=checkpoint or SPRITE_FRAME_CLASSIFIER_WEIGHTS)


@MODELS.register_module()
class PhotoSceneFrameClassifier(SmallImageClassifier):
    """The in-domain classifier of IS, FCD and FID on the photo-scene
    benchmark: :class:`SmallImageClassifier` trained to tell which
    photograph a frame (its background) or its foreground box (its main
    object's texture) is made of, 7 classes
    (``vosgan_mm.datasets.photo_scene_frame_labels``).

    Args:
        checkpoint (str, optional): Its weights; defaults to the file
            shipped with the package, written by
            ``tools/train_frame_classifier.py --benchmark photo_scenes``.
    """

    def __init__(self, checkpoint: Optional[str] = None):
        super().__init__(
            num_classes=7,
            checkpoint=checkpoint or PHOTO_SCENE_FRAME_CLASSIFIER_WEIGHTS)
