import os.path as osp
from typing import List

from mmengine.dataset import BaseDataset

from .errors import VideoDataError


class VideoClipDataset(BaseDataset):
    """Base of the real-video data sets: every loading error is re-raised as
    :class:`VideoDataError` naming the clip's file.

    Subclasses list clips as dicts with a ``filename`` and a ``clip_id``.
    """

    def _check_exists(self, path: str, what: str) -> str:
        if not osp.exists(path):
            raise FileNotFoundError(f'{what} not found: {path}')
        return path

    def load_data_list(self) -> List[dict]:
        raise NotImplementedError

    def prepare_data(self, idx: int):
        info = self.get_data_info(idx)
        try:
            return self.pipeline(info)
        except VideoDataError:
            raise
        except Exception as exc:
            name = info.get('filename', info.get('clip_id', f'clip {idx}'))
            raise VideoDataError(
                f'{name}: {type(exc).__name__}: {exc}') from exc
