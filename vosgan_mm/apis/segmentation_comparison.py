"""Comparing segmentations of one video written by
:func:`~vosgan_mm.apis.segment_video` (``masks/<frame>.png``), where no
ground truth exists: figures of agreement and a still figure of chosen
frames."""
import os.path as osp
from typing import Dict, List, Sequence, Tuple

import numpy as np

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.datasets.image_files import load_image
from vosgan_mm.datasets.video_segmentation_dataset import list_images
from vosgan_mm.evaluation import MaskAgreement
from vosgan_mm.visualization import mask_comparison_grid

from .segmentation import FrameSource


def mask_files(folder: str, num_frames: int) -> List[str]:
    """The mask files of a segmentation of a ``num_frames``-frame video:
    ``folder`` is :func:`segment_video`'s output folder or its ``masks``
    folder. An error names the folder when the count differs."""
    masks = osp.join(folder, 'masks')
    files = list_images(masks if osp.isdir(masks) else folder)
    if len(files) != num_frames:
        raise VideoDataError(
            f'{folder}: {len(files)} masks for a video of {num_frames} '
            'frames; segment that video with tools/segment_video.py')
    return files


def read_mask(path: str, size: Tuple[int, int]) -> np.ndarray:
    """An (H, W) uint8 mask file, foreground > 0, of the frames' ``size``
    (H, W); an error names a file that does not read (Pillow, as the
    data sets: a truncated file is refused) or is of another size."""
    mask = np.array(load_image(path, 'mask').convert('L'))
    if mask.shape != tuple(size):
        raise VideoDataError(
            f'{path}: mask of {mask.shape[1]}x{mask.shape[0]} pixels for '
            f'frames of {size[1]}x{size[0]}')
    return mask


def compare_segmentations(source: FrameSource,
                          folders: Dict[str, str],
                          frame_ids: Sequence[int],
                          scale: float = 1.0) -> Tuple[dict, np.ndarray]:
    """Reads the video and each named segmentation of it once, frame by
    frame.

    Args:
        source (FrameSource): The segmented video.
        folders (dict): name -> :func:`segment_video` output folder.
        frame_ids (list[int]): Frames to draw, one row each in order.
        scale (float): Resize factor of the drawn frames.

    Returns:
        tuple: :meth:`MaskAgreement.summary` over every frame, and the
        figure of :func:`mask_comparison_grid` (uint8 RGB).
    """
    frame_ids = sorted(set(frame_ids))
    for frame_id in frame_ids:
        if not 0 <= frame_id < source.num_frames:
            raise VideoDataError(
                f'{source.source}: no frame {frame_id} (frames 0 to '
                f'{source.num_frames - 1})')
    files = {
        name: mask_files(folder, source.num_frames)
        for name, folder in folders.items()
    }
    agreement = MaskAgreement()
    drawn = set(frame_ids)
    drawn_frames, drawn_masks = [], {name: [] for name in folders}
    for index, frame in enumerate(source):
        masks = {
            name: read_mask(paths[index], source.size)
            for name, paths in files.items()
        }
        agreement.add(masks)
        if index in drawn:
            drawn_frames.append(frame)
            for name, mask in masks.items():
                drawn_masks[name].append(mask)
    grid = mask_comparison_grid(drawn_frames, drawn_masks, frame_ids, scale)
    return agreement.summary(), grid
