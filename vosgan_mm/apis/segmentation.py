"""Segmenting any video with a trained segmenter, shot by shot.

The video is read, segmented and written one shot at a time, so memory
stays bounded whatever the video's length. Everything that can be checked
about the input (it decodes to the end, its frames share one size, they
are large enough) is checked before anything is written.
"""
import itertools
import os
import os.path as osp
from typing import Iterator, List, Optional, Tuple

import cv2
import numpy as np
import torch
from mmengine.structures import BaseDataElement
from mmengine.utils import ProgressBar
from PIL import Image

from vosgan_mm.datasets import VideoDataError, cut_into_shots
from vosgan_mm.datasets.errors import frame_size_error
from vosgan_mm.datasets.transforms.image_files import read_rgb_image
from vosgan_mm.datasets.video_decoding import check_decodable_frames
from vosgan_mm.datasets.video_segmentation_dataset import list_images
from vosgan_mm.evaluation import upsample_to
from vosgan_mm.visualization import open_video_writer, overlay_mask

# smallest frame side segmented: below it there is no object to speak of
MIN_FRAME_SIDE = 16
FOLDER_FPS = 25.0


class FrameSource:
    """The frames of a video file or of a folder of images, checked up
    front and read one at a time.

    Checks, before any frame is handed out: the source exists; a video
    decodes as many frames as its header claims
    (:func:`check_decodable_frames`); a folder's images all open and share
    the first one's size (the first odd frame is named with both sizes);
    frames are at least ``MIN_FRAME_SIDE`` pixels a side. Each is a
    :class:`VideoDataError` (or ``FileNotFoundError``) naming the input.

    Attributes:
        num_frames (int): Frames in the source.
        fps (float): Frame rate (25 for a folder).
        size (tuple): (H, W) of the frames.
    """

    def __init__(self, source: str):
        if not osp.exists(source):
            raise FileNotFoundError(f'video not found: {source}')
        self.source = source
        if osp.isdir(source):
            self._paths = list_images(source)
            self.size = self._common_size(self._paths)
            self.num_frames, self.fps = len(self._paths), FOLDER_FPS
        else:
            self._paths = None
            self.num_frames = check_decodable_frames(source)
            capture = cv2.VideoCapture(source)
            self.fps = capture.get(cv2.CAP_PROP_FPS) or FOLDER_FPS
            self.size = (int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
                         int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)))
            capture.release()
        if min(self.size) < MIN_FRAME_SIDE:
            raise VideoDataError(
                f'{source}: frames of {self.size[1]}x{self.size[0]} pixels '
                f'are too small to segment (at least {MIN_FRAME_SIDE}x'
                f'{MIN_FRAME_SIDE})')

    @staticmethod
    def _common_size(paths: List[str]) -> Tuple[int, int]:
        """(H, W) shared by all the images, read from their headers."""
        size = None
        for path in paths:
            try:
                with Image.open(path) as image:
                    found = image.size[::-1]
            except Exception as exc:
                raise VideoDataError(f'{path}: cannot read the frame '
                                     f'({type(exc).__name__})') from exc
            if size is None:
                size, first = found, path
            elif found != size:
                raise frame_size_error(path, found, size, osp.basename(first))
        return size

    def __len__(self) -> int:
        return self.num_frames

    def __iter__(self) -> Iterator[np.ndarray]:
        """Yields the frames, RGB uint8 (H, W, 3); a frame that does not
        read, or of another size, is an error naming it."""
        for index, frame in enumerate(self._read()):
            if frame.shape[:2] != self.size:
                raise frame_size_error(
                    self._name(index), frame.shape[:2], self.size)
            yield frame

    def _name(self, index: int) -> str:
        if self._paths is not None:
            return self._paths[index]
        return f'{self.source}, frame {index}'

    def _read(self) -> Iterator[np.ndarray]:
        if self._paths is not None:
            # Pillow, as the data sets: it refuses a truncated JPEG, which
            # OpenCV fills with grey
            for path in self._paths:
                yield read_rgb_image(path, 'frame')
            return
        capture = cv2.VideoCapture(self.source)
        try:
            for index in range(self.num_frames):
                ok, frame = capture.read()
                if not ok:  # decoded when counted: the file changed since
                    raise VideoDataError(
                        f'{self._name(index)} no longer decodes')
                yield np.ascontiguousarray(frame[..., ::-1])
        finally:
            capture.release()


def _shots(frames: Iterator[np.ndarray], num_frames: int,
           shot_length: int) -> Iterator[Tuple[List[np.ndarray], int]]:
    """Consecutive shots of ``shot_length`` frames (the last one padded by
    repeating its last frame, :func:`cut_into_shots`), with the number of
    real frames in each; only one shot is in memory at a time."""
    for frame_ids, num_valid in cut_into_shots(num_frames, shot_length):
        shot = list(itertools.islice(frames, num_valid))
        if len(shot) < num_valid:
            raise VideoDataError(
                f'the input ended after {frame_ids[0] + len(shot)} '
                f'of {num_frames} frames')
        yield shot + [shot[-1]] * (len(frame_ids) - num_valid), num_valid


@torch.no_grad()
def segment_shot(model,
                 frames: List[np.ndarray],
                 size: Tuple[int, int] = (64, 64),
                 sequence: Optional[str] = None,
                 num_valid: Optional[int] = None) -> List[np.ndarray]:
    """Foreground probabilities (H, W) of each frame of a shot, at the
    frames' size: the shot is resized to ``size`` for the network and the
    maps back by linear interpolation. The model is given the shot's
    ``sequence`` (so that an online segmenter such as a background
    subtractor carries its state from shot to shot of one video) and its
    ``num_valid`` real frames (the rest pad the last shot)."""
    small = np.stack([
        cv2.resize(f, size[::-1], interpolation=cv2.INTER_AREA) for f in frames
    ])
    clip = torch.from_numpy(small).permute(3, 0, 1, 2)[None]  # (1,3,T,h,w)
    data = model.data_preprocessor(dict(inputs=dict(video=clip)), False)
    sample = BaseDataElement(
        metainfo=dict(
            sequence=sequence,
            num_valid=len(frames) if num_valid is None else num_valid))
    maps = model(data['inputs'], [sample], mode='tensor')[0, 0].cpu().numpy()
    return [upsample_to(m, frames[0].shape[:2]) for m in maps]


def segment_video(model,
                  source: FrameSource,
                  out_dir: str,
                  threshold: float = 0.5,
                  shot_length: int = 32,
                  size: Tuple[int, int] = (64, 64),
                  progress: bool = True) -> dict:
    """Segments ``source`` shot by shot and writes, in ``out_dir``,
    ``masks/<frame>.png`` (0/255 at the input's size), ``mask.mp4`` and
    ``overlay.mp4`` (foreground tinted red, outlined).

    Returns:
        dict: ``masks`` (folder), ``mask_video``, ``overlay_video`` and
        ``num_frames`` written.
    """
    mask_dir = osp.join(out_dir, 'masks')
    os.makedirs(mask_dir, exist_ok=True)
    fps = int(round(source.fps))
    written = dict(
        masks=mask_dir,
        mask_video=osp.join(out_dir, 'mask.mp4'),
        overlay_video=osp.join(out_dir, 'overlay.mp4'),
        num_frames=0)
    h, w = source.size
    mask_writer = open_video_writer(written['mask_video'], fps, (w, h))
    overlay_writer = open_video_writer(written['overlay_video'], fps, (w, h))
    bar = ProgressBar(source.num_frames) if progress else None
    try:
        for shot, num_valid in _shots(
                iter(source), source.num_frames, shot_length):
            probs = segment_shot(model, shot, size, source.source, num_valid)
            for frame, prob in zip(shot[:num_valid], probs):
                mask = (prob > threshold).astype(np.uint8) * 255
                cv2.imwrite(
                    osp.join(mask_dir, f'{written["num_frames"]:05d}.png'),
                    mask)
                mask_writer.write(cv2.cvtColor(mask, cv2.COLOR_GRAY2BGR))
                overlay_writer.write(
                    cv2.cvtColor(overlay_mask(frame, mask), cv2.COLOR_RGB2BGR))
                written['num_frames'] += 1
            if bar:
                bar.update(num_valid)
    finally:
        mask_writer.release()
        overlay_writer.release()
    return written
