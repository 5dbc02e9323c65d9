import os.path as osp
from typing import List

from vosgan_mm.registry import DATASETS
from .video_clip_dataset import VideoClipDataset


@DATASETS.register_module()
class GolfStripDataset(VideoClipDataset):
    """VGAN's "golf course" videos (Vondrick et al. 2016), as released.

    Each clip is one JPEG whose frames (128x128) are stacked vertically; an
    index file lists one path per line, relative to the frames root (e.g.
    ``frames-stable-many/...``). Loading (``LoadGolfStrip``) follows VGAN:
    clips under 16 frames are dropped (in training another clip is drawn,
    and the drop is counted among the skipped clips), a clip is cut or
    padded (by repeating its last frame) to 32 frames.

    Args:
        ann_file (str): The index file (``golf.txt``), relative to
            ``data_root`` unless absolute.
        data_root (str): Root of the data set.
        data_prefix (dict): ``video``: the frames root, relative to
            ``data_root``. Defaults to ``dict(video='')``.
        pipeline (list): Transforms, starting with ``LoadGolfStrip``.
        **kwargs: ``on_bad_clip`` (an unreadable strip is an error naming
            the file, or skipped: see :class:`FileClipDataset`) and the
            arguments of :class:`mmengine.dataset.BaseDataset`.
    """

    def __init__(self,
                 ann_file: str,
                 data_root: str = '',
                 data_prefix: dict = dict(video=''),
                 pipeline: List = (),
                 **kwargs):
        if data_root:
            self._check_exists(data_root, 'golf data folder')
        super().__init__(
            ann_file=ann_file,
            data_root=data_root,
            data_prefix=data_prefix,
            pipeline=list(pipeline),
            **kwargs)

    def load_data_list(self) -> List[dict]:
        self._check_exists(self.ann_file, 'golf index file')
        frames_root = self.data_prefix.get('video', '')
        data_list = []
        with open(self.ann_file) as f:
            for line in f:
                rel_path = line.strip()
                if not rel_path or rel_path.startswith('#'):
                    continue
                data_list.append(
                    dict(
                        filename=osp.join(frames_root, rel_path),
                        clip_id=rel_path))
        if not data_list:
            raise ValueError(f'golf index file lists no clip: {self.ann_file}')
        return data_list
