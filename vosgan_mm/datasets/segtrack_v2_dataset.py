import os
import os.path as osp
from typing import List

from vosgan_mm.registry import DATASETS
from .errors import VideoDataError
from .video_segmentation_dataset import VideoSegmentationDataset, list_images


@DATASETS.register_module()
class SegTrackV2Dataset(VideoSegmentationDataset):
    """SegTrack v2 in its released layout.

    ``JPEGImages/<seq>/`` frames and ``GroundTruth/<seq>/`` masks; a
    sequence with several objects has one numbered sub-folder of masks per
    object, united into one foreground. It has no official split: videos
    are split 70/30 by a fixed seed (``train_ratio``, ``split_seed``).
    """

    def load_sequences(self) -> List[dict]:
        frames_root = osp.join(self.data_root, 'JPEGImages')
        masks_root = osp.join(self.data_root, 'GroundTruth')
        for folder in (frames_root, masks_root):
            if not osp.isdir(folder):
                raise FileNotFoundError(f'folder not found: {folder}')
        sequences = []
        for name in sorted(os.listdir(frames_root)):
            frames = list_images(osp.join(frames_root, name))
            mask_dir = osp.join(masks_root, name)
            objects = sorted(
                d for d in os.listdir(mask_dir) if osp.isdir(
                    osp.join(mask_dir, d))) if osp.isdir(mask_dir) else []
            if objects:
                per_object = [
                    list_images(osp.join(mask_dir, d)) for d in objects
                ]
                counts = {len(m) for m in per_object}
                if len(counts) != 1:
                    raise VideoDataError(
                        f'{mask_dir}: its objects have different numbers of '
                        f'masks ({sorted(counts)})')
                masks = [list(paths) for paths in zip(*per_object)]
            else:
                masks = [[m] for m in list_images(mask_dir)]
            sequences.append(dict(name=name, frames=frames, masks=masks))
        if not sequences:
            raise VideoDataError(f'{frames_root}: empty folder, no sequence')
        return sequences
