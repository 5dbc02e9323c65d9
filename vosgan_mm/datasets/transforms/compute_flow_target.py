import hashlib
import io
import os.path as osp
from collections import OrderedDict
from typing import Optional

import numpy as np
from mmcv.transforms import BaseTransform

from vosgan_mm.models.flow import FarnebackFlow
from vosgan_mm.registry import TRANSFORMS
from vosgan_mm.utils import write_atomically


class ByteBoundedCache:
    """A least-recently-used cache of numpy arrays bounded in bytes."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.num_bytes = 0
        self.hits = self.misses = 0
        self._items = OrderedDict()

    def get(self, key) -> Optional[np.ndarray]:
        value = self._items.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._items.move_to_end(key)
        return value

    def put(self, key, value: np.ndarray) -> None:
        if value.nbytes > self.max_bytes:
            return
        if key in self._items:
            self.num_bytes -= self._items.pop(key).nbytes
        self._items[key] = value
        self.num_bytes += value.nbytes
        while self.num_bytes > self.max_bytes:
            _, old = self._items.popitem(last=False)
            self.num_bytes -= old.nbytes

    def __len__(self):
        return len(self._items)


@TRANSFORMS.register_module()
class ComputeFlowTarget(BaseTransform):
    """Adds ``OF()`` of a real clip, computed once per clip and cached.

    The flow of frame t to t+1, in pixels, is computed on the final clip
    (after resizing) and kept in a per-process LRU cache bounded by
    ``cache_bytes``, keyed by the clip (``clip_id``, ``filename`` or
    ``frame_paths``, the sampled ``frame_inds`` and the frame shape); later
    visits reuse it. A clip named by none of these is not cached.
    Each data-loading worker keeps its own cache, so memory is at most
    ``num_workers * cache_bytes``. With ``cache_dir``, flows are also kept
    on disk (one ``.npy`` per clip, about 0.5 MB for 32x64x64, written
    atomically), shared by workers and later runs; a data set larger than
    the memory cache (such as golf's 600k clips) then computes each flow
    only once. The disk cache is not bounded: give it the room. The model
    normalises the flow with its own ``OF()`` scale.

    Required keys: ``imgs`` (T frames (H, W, 3) uint8 RGB). Added key:
    ``flow`` (T-1, H, W, 2) float16, pixels.

    The flow is OpenCV's Farneback flow with the parameters every flow
    target uses (``FARNEBACK_PARAMETERS`` in ``vosgan_mm.models.flow``), so
    real clips' targets are computed as the model computes those of
    generated videos.

    Args:
        cache_bytes (int): Cache bound per process. Defaults to 512 MiB
            (about 1000 clips of 32x64x64).
        cache_dir (str, optional): Folder of the disk cache. Defaults to
            None (memory only).
    """

    def __init__(self,
                 cache_bytes: int = 512 * 2**20,
                 cache_dir: Optional[str] = None):
        self.flow = FarnebackFlow()
        self.cache = ByteBoundedCache(cache_bytes)
        self.cache_dir = cache_dir
        # flows of other Farneback parameters are other files
        self._params = repr(self.flow.params)

    def _disk_path(self, key) -> str:
        digest = hashlib.sha1(repr((key, self._params)).encode()).hexdigest()
        return osp.join(self.cache_dir, digest[:2], f'{digest}.npy')

    def _compute(self, key, frames: np.ndarray) -> np.ndarray:
        path = self._disk_path(key) if self.cache_dir else None
        if path and osp.isfile(path):
            return np.load(path)
        flow = self.flow.clip_flow(frames).astype(np.float16)
        if path:
            buffer = io.BytesIO()
            np.save(buffer, flow)
            write_atomically(buffer.getvalue(), path)
        return flow

    def transform(self, results: dict) -> dict:
        frames = np.asarray(results['imgs'])
        source = results.get('clip_id') or results.get('filename') or tuple(
            results.get('frame_paths', ()))
        if not source:  # nothing names the clip: no caching
            results['flow'] = self.flow.clip_flow(frames).astype(np.float16)
            return results
        inds = results.get('frame_inds')
        key = (source,
               None if inds is None else tuple(np.asarray(inds).tolist()),
               frames.shape)
        flow = self.cache.get(key)
        if flow is None:
            flow = self._compute(key, frames)
            self.cache.put(key, flow)
        results['flow'] = flow
        return results
