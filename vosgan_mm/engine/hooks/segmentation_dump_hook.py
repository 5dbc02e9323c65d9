import os
import os.path as osp
from typing import Optional, Sequence

import cv2
import numpy as np
from mmengine.hooks import Hook

from vosgan_mm.datasets.image_files import read_rgb_image
from vosgan_mm.evaluation import upsample_to
from vosgan_mm.registry import HOOKS
from vosgan_mm.visualization import overlay_mask


@HOOKS.register_module()
class SegmentationDumpHook(Hook):
    """Writes what a segmenter predicted at test time (``tools/test.py
    --show-dir``): for every real frame of every shot,
    ``<out_dir>/<sequence>/masks/<frame>.png`` (0/255 at the ground truth's
    size, thresholded as the metric does) and
    ``<out_dir>/<sequence>/overlays/<frame>.png`` (the frame with the
    foreground tinted red and outlined: the original frame where the data
    set names its file, else the network's input frame).

    Args:
        out_dir (str): Folder of the dumps.
        threshold (float): Foreground threshold. Defaults to 0.5.
    """

    def __init__(self, out_dir: str, threshold: float = 0.5):
        self.out_dir = out_dir
        self.threshold = threshold

    def after_test_iter(self,
                        runner,
                        batch_idx: int,
                        data_batch: Optional[dict] = None,
                        outputs: Optional[Sequence] = None) -> None:
        videos = data_batch['inputs']['video']
        for video, sample in zip(videos, outputs):
            self._write(sample, video.permute(1, 2, 3, 0).cpu().numpy())

    def _write(self, sample, frames: np.ndarray) -> None:
        """``frames``: (T, h, w, 3) uint8, the network's input."""
        pred = np.asarray(sample.pred_seg, dtype=np.float32)  # (T, h, w)
        num_valid = sample.get('num_valid', len(pred))
        frame_ids = sample.get('frame_ids', list(range(len(pred))))
        paths = sample.get('frame_paths')
        folder = osp.join(self.out_dir, str(sample.get('sequence', 'clip')))
        for kind in ('masks', 'overlays'):
            os.makedirs(osp.join(folder, kind), exist_ok=True)
        for t in range(num_valid):
            frame = read_rgb_image(paths[t], 'frame') if paths else frames[t]
            prob = upsample_to(pred[t], frame.shape[:2])
            mask = (prob > self.threshold).astype(np.uint8) * 255
            name = f'{int(frame_ids[t]):05d}.png'
            cv2.imwrite(osp.join(folder, 'masks', name), mask)
            cv2.imwrite(
                osp.join(folder, 'overlays', name),
                cv2.cvtColor(overlay_mask(frame, mask), cv2.COLOR_RGB2BGR))
