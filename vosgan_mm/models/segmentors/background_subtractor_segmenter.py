from typing import Optional

import cv2
import numpy as np
from mmengine.structures import BaseDataElement

from vosgan_mm.registry import MODELS
from .frame_based_segmenter import FrameBasedSegmenter

SUBTRACTORS = ('MOG2', 'KNN')


@MODELS.register_module()
class BackgroundSubtractorSegmenter(FrameBasedSegmenter):
    """A baseline that learns nothing beforehand: OpenCV's online background
    subtractors, MOG2 (a Gaussian mixture per pixel) or KNN, without shadow
    detection; their foreground is the mask.

    The subtractor reads a video's frames in order and keeps its model from
    one shot to the next of the same sequence (the data sample's
    ``sequence``, as in a test loop without shuffling or in
    ``tools/segment_video.py``), so a long video is segmented online.
    Warm-up: the first shot of each sequence is fed once to learn the
    background, unscored, then fed again and scored (and learned from,
    as every later shot); a clip without a sequence name is its own
    sequence.

    Args:
        method (str): ``'MOG2'`` or ``'KNN'``. Defaults to ``'MOG2'``.
        history (int): Frames the background model remembers. Defaults to
            32 (one shot).
        threshold (float, optional): MOG2's ``varThreshold`` (squared
            Mahalanobis distance, OpenCV's default 16) or KNN's
            ``dist2Threshold`` (squared distance in 0-255 values, OpenCV's
            default 400). None: OpenCV's default.
        data_preprocessor (dict, optional): See
            :class:`FrameBasedSegmenter`.
    """

    def __init__(self,
                 method: str = 'MOG2',
                 history: int = 32,
                 threshold: Optional[float] = None,
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor')):
        super().__init__(data_preprocessor=data_preprocessor)
        if method not in SUBTRACTORS:
            raise ValueError(f'method must be one of {SUBTRACTORS}, got '
                             f'{method!r}')
        if not isinstance(history, int) or history < 1:
            raise ValueError(
                f'history must be a positive int, got {history!r}')
        if threshold is not None and not threshold > 0:
            raise ValueError(f'threshold must be positive, got {threshold!r}')
        self.method = method
        self.history = history
        self.threshold = threshold
        self._subtractor = None
        self._sequence = None

    def new_subtractor(self):
        """A fresh OpenCV subtractor with this segmenter's settings."""
        if self.method == 'MOG2':
            subtractor = cv2.createBackgroundSubtractorMOG2(
                history=self.history, detectShadows=False)
            if self.threshold is not None:
                subtractor.setVarThreshold(self.threshold)
        else:
            subtractor = cv2.createBackgroundSubtractorKNN(
                history=self.history, detectShadows=False)
            if self.threshold is not None:
                subtractor.setDist2Threshold(self.threshold)
        return subtractor

    def segment_clip(self, frames: np.ndarray,
                     sample: Optional[BaseDataElement]) -> np.ndarray:
        sequence = sample.get('sequence') if sample is not None else None
        bgr = np.ascontiguousarray(frames[..., ::-1])
        if sequence is None or sequence != self._sequence:
            self._subtractor = self.new_subtractor()
            self._sequence = sequence
            for frame in bgr:  # warm-up pass, unscored
                self._subtractor.apply(frame)
        return np.stack(
            [self._subtractor.apply(frame) > 127 for frame in bgr])
