"""Segmenting any video with a trained segmenter, shot by shot."""
import os
import os.path as osp
from typing import List, Tuple

import cv2
import numpy as np
import torch
from mmengine.utils import ProgressBar

from vosgan_mm.datasets import VideoDataError, cut_into_shots
from vosgan_mm.datasets.video_segmentation_dataset import list_images
from vosgan_mm.evaluation import upsample_to
from vosgan_mm.visualization import write_video


def read_frames(source: str) -> Tuple[List[np.ndarray], float]:
    """All frames (RGB uint8) of a video file or of a folder of images, and
    the frame rate (25 for a folder)."""
    if not osp.exists(source):
        raise FileNotFoundError(f'video not found: {source}')
    if osp.isdir(source):
        frames = []
        for path in list_images(source):
            frame = cv2.imread(path, cv2.IMREAD_COLOR)
            if frame is None:
                raise VideoDataError(f'{path}: cannot read the frame')
            frames.append(frame[..., ::-1].copy())
        return frames, 25.0
    capture = cv2.VideoCapture(source)
    fps = capture.get(cv2.CAP_PROP_FPS) or 25.0
    frames = []
    while True:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(frame[..., ::-1].copy())
    capture.release()
    if not frames:
        raise VideoDataError(
            f'{source}: no frame could be decoded (not a video file?)')
    return frames, fps


@torch.no_grad()
def segment_frames(model,
                   frames: List[np.ndarray],
                   shot_length: int = 32,
                   size: Tuple[int, int] = (64, 64),
                   progress: bool = True) -> List[np.ndarray]:
    """Foreground probabilities of every frame, at the frames' size.

    The video is cut into shots (:func:`cut_into_shots`), each resized to
    ``size`` for the network; the maps are resized back by linear
    interpolation.
    """
    small = [
        cv2.resize(f, size[::-1], interpolation=cv2.INTER_AREA) for f in frames
    ]
    shots = cut_into_shots(len(frames), shot_length)
    bar = ProgressBar(len(shots)) if progress else None
    probs = []
    for frame_ids, num_valid in shots:
        clip = torch.from_numpy(np.stack([small[i] for i in frame_ids]))
        data = model.data_preprocessor(
            dict(inputs=dict(video=clip.permute(3, 0, 1, 2)[None])), False)
        maps = model(data['inputs'], mode='tensor')[0, 0].cpu().numpy()
        probs += [
            upsample_to(maps[t], frames[0].shape[:2]) for t in range(num_valid)
        ]
        if bar:
            bar.update()
    return probs


def write_segmentation(out_dir: str,
                       frames: List[np.ndarray],
                       probs: List[np.ndarray],
                       threshold: float = 0.5,
                       fps: float = 25.0) -> dict:
    """Writes ``masks/<frame>.png`` (0/255, input resolution),
    ``mask.mp4`` and ``overlay.mp4`` (foreground tinted red, outlined)."""
    mask_dir = osp.join(out_dir, 'masks')
    os.makedirs(mask_dir, exist_ok=True)
    masks, overlays = [], []
    for i, (frame, prob) in enumerate(zip(frames, probs)):
        mask = (prob > threshold).astype(np.uint8) * 255
        cv2.imwrite(osp.join(mask_dir, f'{i:05d}.png'), mask)
        overlay = frame.copy()
        fg = mask > 0
        overlay[fg] = (0.5 * overlay[fg] + [127, 0, 0]).astype(np.uint8)
        contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL,
                                       cv2.CHAIN_APPROX_SIMPLE)
        cv2.drawContours(overlay, contours, -1, (255, 255, 0), 1)
        masks.append(np.repeat(mask[..., None], 3, axis=2))
        overlays.append(overlay)
    fps = int(round(fps))
    return dict(
        masks=mask_dir,
        mask_video=write_video(
            osp.join(out_dir, 'mask.mp4'), np.stack(masks), fps, scale=1),
        overlay_video=write_video(
            osp.join(out_dir, 'overlay.mp4'), np.stack(overlays), fps,
            scale=1))
