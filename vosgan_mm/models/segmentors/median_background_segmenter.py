from typing import Optional

import numpy as np
from mmengine.structures import BaseDataElement

from vosgan_mm.models.flow.farneback_flow import FarnebackFlow
from vosgan_mm.models.flow.global_motion import (homographies_from_flow,
                                                 transforms_between_frames,
                                                 warp_into)
from vosgan_mm.registry import MODELS
from .frame_based_segmenter import FrameBasedSegmenter


@MODELS.register_module()
class MedianBackgroundSegmenter(FrameBasedSegmenter):
    """A baseline that learns nothing: the per-pixel median of a clip's
    frames is its background, and foreground is where a frame differs from
    it by more than ``threshold`` in any channel (values in [0, 1]).

    It needs the object to uncover each background pixel in more than half
    of the frames; with a moving camera, ``compensate_camera_motion`` first
    aligns every frame of the clip onto the frame being segmented with the
    camera's motion (a homography per frame pair fitted by RANSAC to the
    Farneback flow of a pixel grid, :func:`homographies_from_flow`), and
    takes the median of the aligned frames where they cover that frame.

    Args:
        threshold (float): Absolute difference in [0, 1] above which a
            pixel is foreground. Defaults to 0.05.
        compensate_camera_motion (bool): Align the frames before taking the
            median. Defaults to False.
        data_preprocessor (dict, optional): See
            :class:`FrameBasedSegmenter`.
    """

    def __init__(self,
                 threshold: float = 0.05,
                 compensate_camera_motion: bool = False,
                 data_preprocessor: Optional[dict] = dict(
                     type='VideoGANDataPreprocessor')):
        super().__init__(data_preprocessor=data_preprocessor)
        if not 0 <= threshold < 1:
            raise ValueError(
                f'threshold must be in [0, 1), got {threshold!r}')
        self.threshold = threshold
        self.compensate_camera_motion = compensate_camera_motion
        self.flow = FarnebackFlow()

    def segment_clip(self, frames: np.ndarray,
                     sample: Optional[BaseDataElement]) -> np.ndarray:
        values = frames.astype(np.float32) / 255
        if not self.compensate_camera_motion or len(frames) < 2:
            background = np.median(values, axis=0)
            return (np.abs(values - background) > self.threshold).any(-1)
        to_first = transforms_between_frames(
            homographies_from_flow(self.flow.clip_flow(frames)))
        shape = frames.shape[1:3]
        masks = np.zeros(frames.shape[:3], bool)
        for t, frame in enumerate(values):
            aligned = np.full(values.shape, np.nan, np.float32)
            for s, other in enumerate(values):
                # frame s -> frame 0 -> frame t
                warped, covered = warp_into(
                    other, np.linalg.inv(to_first[t]) @ to_first[s], shape)
                aligned[s][covered] = warped[covered]
            background = np.nanmedian(aligned, axis=0)
            masks[t] = (np.abs(frame - background) > self.threshold).any(-1)
        return masks
