import os
import os.path as osp
from typing import Dict, List

from vosgan_mm.registry import DATASETS
from .errors import VideoDataError
from .video_segmentation_dataset import VideoSegmentationDataset, list_images


@DATASETS.register_module()
class DAVIS2016Dataset(VideoSegmentationDataset):
    """DAVIS-2016 in its released layout.

    ``JPEGImages/480p/<seq>/00000.jpg``, ``Annotations/480p/<seq>/00000.png``
    and the official split lists, in either release's format:

    - DAVIS-2016: ``ImageSets/480p/{train,val}.txt``, lines
      ``/JPEGImages/480p/<seq>/00000.jpg /Annotations/480p/<seq>/00000.png``;
    - DAVIS-2017: ``ImageSets/2016/{train,val}.txt``, one sequence per line.

    Args:
        resolution (str): Sub-folder of the frames and masks. Defaults to
            ``'480p'``.
        **kwargs: See :class:`VideoSegmentationDataset`.
    """

    def __init__(self, data_root: str, resolution: str = '480p', **kwargs):
        self.resolution = resolution
        super().__init__(data_root=data_root, **kwargs)

    def _split_file_names(self, subset: str) -> List[str]:
        candidates = [
            osp.join(self.data_root, 'ImageSets', self.resolution,
                     f'{subset}.txt'),
            osp.join(self.data_root, 'ImageSets', '2016', f'{subset}.txt'),
        ]
        for path in candidates:
            if osp.isfile(path):
                return self._read_split_file(path)
        raise FileNotFoundError(
            f'DAVIS split list "{subset}" not found; looked for '
            f'{" and ".join(candidates)}')

    @staticmethod
    def _read_split_file(path: str) -> List[str]:
        names = []
        with open(path) as f:
            for line in f:
                fields = line.split()
                if not fields:
                    continue
                if '/' in fields[0]:  # 2016 format: a frame path per line
                    name = fields[0].strip('/').split('/')[-2]
                else:  # 2017 format: a sequence name per line
                    name = fields[0]
                if name not in names:
                    names.append(name)
        if not names:
            raise VideoDataError(f'{path}: split list names no sequence')
        return names

    def official_split(self) -> Dict[str, List[str]]:
        return {s: self._split_file_names(s) for s in ('train', 'val')}

    def load_sequences(self) -> List[dict]:
        frames_root = osp.join(self.data_root, 'JPEGImages', self.resolution)
        masks_root = osp.join(self.data_root, 'Annotations', self.resolution)
        if self.split == 'all':
            if not osp.isdir(frames_root):
                raise FileNotFoundError(f'folder not found: {frames_root}')
            names = sorted(os.listdir(frames_root))
        else:
            names = self.official_split()[self.split]
        sequences = []
        for name in names:
            masks = list_images(osp.join(masks_root, name))
            sequences.append(
                dict(
                    name=name,
                    frames=list_images(osp.join(frames_root, name)),
                    masks=[[m] for m in masks]))
        return sequences
