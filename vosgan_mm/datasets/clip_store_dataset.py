from typing import List

from mmengine.dataset import BaseDataset

from vosgan_mm.registry import DATASETS
from .clip_store import ClipStore


@DATASETS.register_module()
class ClipStoreDataset(BaseDataset):
    """Clips decoded once into a clip store
    (``tools/data/convert_to_clip_store.py``): each visit reads a clip's
    uint8 frames from a memory-mapped shard instead of decoding its file,
    so data loading keeps up with a GPU step.

    Each sample holds ``imgs`` (T, H, W, 3) uint8 RGB, ``clip_id`` (the
    source's name of the clip) and ``img_shape``; the pipeline goes on from
    there (a flow target in the workers, ``PackVideoGANInputs``).

    Args:
        store_root (str): The store folder, relative to ``data_root``
            unless absolute.
        data_root (str): Root of the data. Defaults to ''.
        pipeline (list): Transforms after loading.
        **kwargs: Arguments of :class:`mmengine.dataset.BaseDataset`.
    """

    def __init__(self,
                 store_root: str,
                 data_root: str = '',
                 pipeline: List = (),
                 **kwargs):
        self.store_root = store_root
        super().__init__(
            data_root=data_root,
            data_prefix=dict(store=store_root),
            pipeline=list(pipeline),
            **kwargs)

    def load_data_list(self) -> List[dict]:
        self.store = ClipStore(self.data_prefix['store'])
        return [
            dict(clip_id=clip_id, clip_index=i)
            for i, clip_id in enumerate(self.store.clip_ids)
        ]

    def get_data_info(self, idx: int) -> dict:
        info = super().get_data_info(idx)
        info['imgs'] = self.store[info['clip_index']]
        info['img_shape'] = info['original_shape'] = self.store.clip_shape[1:3]
        return info
