import os
import os.path as osp
from typing import List

from vosgan_mm.registry import DATASETS
from .errors import VideoDataError
from .video_segmentation_dataset import VideoSegmentationDataset, list_images


@DATASETS.register_module()
class FrameMaskFolderDataset(VideoSegmentationDataset):
    """Any annotated videos as a folder of frames and a folder of masks per
    sequence (e.g. F4K-Fish, or one's own videos).

    With the default templates the layout is ``<root>/<seq>/frames/*`` and
    ``<root>/<seq>/masks/*``; frames and masks pair up in sorted order.
    Videos are split 70/30 by a fixed seed.

    Args:
        frames_template (str): Frame folder of sequence ``{seq}``,
            relative to the root. Defaults to ``'{seq}/frames'``.
        masks_template (str): Mask folder. Defaults to ``'{seq}/masks'``.
        **kwargs: See :class:`VideoSegmentationDataset`.
    """

    def __init__(self,
                 data_root: str,
                 frames_template: str = '{seq}/frames',
                 masks_template: str = '{seq}/masks',
                 **kwargs):
        self.frames_template = frames_template
        self.masks_template = masks_template
        super().__init__(data_root=data_root, **kwargs)

    def _sequence_names(self) -> List[str]:
        # the folder level that holds {seq} in the frames template
        head = self.frames_template.split('{seq}')[0]
        root = osp.join(self.data_root, head)
        return sorted(
            d for d in os.listdir(root) if osp.isdir(osp.join(root, d)))

    def load_sequences(self) -> List[dict]:
        sequences = []
        for name in self._sequence_names():
            frames = list_images(
                osp.join(self.data_root,
                         self.frames_template.format(seq=name)))
            masks = list_images(
                osp.join(self.data_root, self.masks_template.format(seq=name)))
            sequences.append(
                dict(name=name, frames=frames, masks=[[m] for m in masks]))
        if not sequences:
            raise VideoDataError(
                f'{self.data_root}: empty folder, no sequence')
        return sequences
