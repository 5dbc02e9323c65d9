import os.path as osp
from typing import List

from .file_clip_dataset import FileClipDataset


class VideoClipDataset(FileClipDataset):
    """Base of the real-video data sets: every loading error is re-raised as
    :class:`VideoDataError` naming the clip's file, or the clip is skipped
    (``on_bad_clip``, see :class:`FileClipDataset`).

    Subclasses list clips as dicts with a ``filename`` and a ``clip_id``.
    """

    def _check_exists(self, path: str, what: str) -> str:
        if not osp.exists(path):
            raise FileNotFoundError(f'{what} not found: {path}')
        return path

    def load_data_list(self) -> List[dict]:
        raise NotImplementedError

    def clip_name(self, info: dict) -> str:
        return info.get('filename',
                        info.get('clip_id', f'clip {info.get("sample_idx")}'))
