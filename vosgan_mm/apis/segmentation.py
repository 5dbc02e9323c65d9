"""Segmenting any video with a trained segmenter, shot by shot.

The video is read, segmented and written one shot at a time, so memory
stays bounded whatever the video's length; with ``max_side`` the frames
are segmented at a smaller size, so it stays bounded whatever their size
too. Everything that can be checked about the input cheaply (it decodes to
its end, its frames share one size, they are large enough) is checked
before anything is written. What fails later (a frame that does not decode
after all, a full disk) leaves no output behind and an earlier run's
output intact: the outputs are written into a hidden folder and moved into
place once all of them are written and decode.
"""
import copy
import itertools
import logging
import os
import os.path as osp
from typing import Iterator, List, Optional, Tuple, Union

import cv2
import numpy as np
import torch
from mmengine.logging import MMLogger
from mmengine.structures import BaseDataElement
from mmengine.utils import ProgressBar
from PIL import Image

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.datasets.errors import frame_size_error
from vosgan_mm.datasets.output_files import (WriteError, check_written_video,
                                             replace_on_success, write_image)
from vosgan_mm.datasets.image_files import read_rgb_image
from vosgan_mm.datasets.video_decoding import (captured_native_stderr,
                                               check_video_frames)
from vosgan_mm.datasets.video_segmentation_dataset import list_images
from vosgan_mm.evaluation import upsample_to
from vosgan_mm.models.utils import loads_checkpoint
from vosgan_mm.registry import MODELS
from vosgan_mm.utils import OTSU, threshold_probabilities
from vosgan_mm.visualization import open_video_writer, overlay_mask

# smallest frame side segmented: below it there is no object to speak of
MIN_FRAME_SIDE = 16
# the segmenters separate what moves from what does not: one frame has
# neither, and its mask would be empty whatever it shows
MIN_FRAMES = 2
FOLDER_FPS = 25.0
# what segment_video writes in its output folder
MASK_FOLDER, MASK_VIDEO, OVERLAY_VIDEO = 'masks', 'mask.mp4', 'overlay.mp4'


def load_segmenter(model_cfg: dict,
                   checkpoint: Optional[str] = None,
                   prefix: Optional[str] = None,
                   device: str = 'cpu') -> Tuple[torch.nn.Module, str]:
    """Builds the segmenter of ``model_cfg`` in eval mode on ``device`` with
    the weights of ``checkpoint`` under ``prefix`` (strictly, e.g.
    ``'discriminator.'`` of a GAN checkpoint), or without one with those its
    ``init_cfg`` loads (none for the flow baseline).

    MMEngine logs, at INFO, one entry per parameter for what
    ``init_weights`` did ("The value is the same before and after calling
    `init_weights`" for every loaded weight): for a segmenter read from a
    checkpoint that is some 90 lines of noise, so only its warnings are
    kept.

    Returns:
        tuple: The model and one line saying where its weights come from.
    """
    model_cfg = copy.deepcopy(model_cfg)
    if checkpoint is not None:
        model_cfg['init_cfg'] = dict(
            type='StrictPretrained', checkpoint=checkpoint, prefix=prefix)
    model = MODELS.build(model_cfg)
    logger = MMLogger.get_current_instance()
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        model.init_weights()
    finally:
        logger.setLevel(level)
    inits = model_cfg.get('init_cfg') or []
    loaded = [
        init for init in (inits if isinstance(inits, list) else [inits])
        if loads_checkpoint(init)
    ]
    if loaded:
        note = '; '.join(f'loaded {init["checkpoint"]} with prefix '
                         f'"{init.get("prefix") or ""}"' for init in loaded)
    elif any(p.numel() for p in model.parameters()):
        note = 'no checkpoint loaded: the weights are initialised'
    else:
        note = f'{type(model).__name__} has no weights to load'
    return model.to(device).eval(), note


class FrameSource:
    """The frames of a video file or of a folder of images, checked up
    front and read one at a time.

    Checks, before any frame is handed out: the source exists; a video
    passes :func:`check_video_frames` (it decodes as many frames as its
    header claims, less a variable-frame-rate AVI's empty repeat entries);
    a folder's images all open and share the first one's size (the first
    odd frame is named with both sizes); there are at least ``MIN_FRAMES``
    frames of at least ``MIN_FRAME_SIDE`` pixels a side. Each is a
    :class:`VideoDataError` (or ``FileNotFoundError``) naming the input. A
    frame that does not read when its turn comes (damage that the up-front
    check does not see) is an error naming it.

    With ``allow_truncated`` a truncated or damaged input is read up to
    its first frame that does not decode: the frames that do are used.

    Attributes:
        num_frames (int): Frames to read (fewer may come with
            ``allow_truncated``).
        expected_frames (int): Frames the input should have: its header's
            count less the repeat entries, or the folder's images.
        fps (float): Frame rate (25 for a folder; a variable-frame-rate
            video's average).
        size (tuple): (H, W) of the frames.
    """

    def __init__(self, source: str, allow_truncated: bool = False):
        if not osp.exists(source):
            raise FileNotFoundError(f'video not found: {source}')
        self.source = source
        self.allow_truncated = allow_truncated
        if osp.isdir(source):
            self._paths = list_images(source)
            self.size = self._common_size(self._paths)
            self.num_frames, self.fps = len(self._paths), FOLDER_FPS
            self.expected_frames = self.num_frames
        else:
            self._paths = None
            checked = check_video_frames(
                source, allow_truncated=allow_truncated)
            self.num_frames = checked.decodable
            self.expected_frames = checked.claimed - checked.empty
            capture = cv2.VideoCapture(source)
            self.fps = capture.get(cv2.CAP_PROP_FPS) or FOLDER_FPS
            if checked.empty:  # the rate that keeps the video's duration
                self.fps *= self.expected_frames / checked.claimed
            self.size = (int(capture.get(cv2.CAP_PROP_FRAME_HEIGHT)),
                         int(capture.get(cv2.CAP_PROP_FRAME_WIDTH)))
            capture.release()
        if self.num_frames < MIN_FRAMES:
            raise VideoDataError(
                f'{source}: {self.num_frames} frame; segmenting needs at '
                f'least {MIN_FRAMES} (the segmenters find what moves)')
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
        read, or of another size, is an error naming it (with
        ``allow_truncated``, one that does not read ends the frames)."""
        for index, frame in enumerate(self._read()):
            if frame.shape[:2] != self.size:
                raise frame_size_error(
                    self._name(index), frame.shape[:2], self.size)
            yield frame

    def _name(self, index: int) -> str:
        if self._paths is not None:
            return self._paths[index]
        return f'{self.source}, frame {index}'

    @staticmethod
    def _unreadable(message: str, index: int) -> VideoDataError:
        return VideoDataError(f'{message}; --allow-truncated keeps the '
                              f'{index} frames before it')

    def _read(self) -> Iterator[np.ndarray]:
        if self._paths is not None:
            # Pillow, as the data sets: it refuses a truncated JPEG, which
            # OpenCV fills with grey
            for index, path in enumerate(self._paths):
                try:
                    yield read_rgb_image(path, 'frame')
                except VideoDataError as error:
                    if not self.allow_truncated:
                        raise self._unreadable(str(error), index) from error
                    return
            return
        capture = cv2.VideoCapture(self.source)
        try:
            for index in range(self.num_frames):
                ok, frame = capture.read()
                if not ok:  # damaged where the up-front check did not look
                    if not self.allow_truncated:
                        raise self._unreadable(
                            f'{self._name(index)} does not decode', index)
                    return
                yield np.ascontiguousarray(frame[..., ::-1])
        finally:
            capture.release()


def _shots(frames: Iterator[np.ndarray],
           shot_length: int) -> Iterator[Tuple[List[np.ndarray], int]]:
    """Consecutive shots of ``shot_length`` frames, the last one padded by
    repeating its last frame (as :func:`cut_into_shots`), with the number
    of real frames in each; only one shot is in memory at a time."""
    frames = iter(frames)
    while True:
        shot = list(itertools.islice(frames, shot_length))
        if not shot:
            return
        yield shot + [shot[-1]] * (shot_length - len(shot)), len(shot)


def segmenting_size(size: Tuple[int, int],
                    max_side: Optional[int] = None) -> Tuple[int, int]:
    """(H, W) at which frames of ``size`` are segmented: their own, or
    scaled down to a longest side of ``max_side``."""
    h, w = size
    if not max_side or max(h, w) <= max_side:
        return size
    scale = max_side / max(h, w)
    return max(1, round(h * scale)), max(1, round(w * scale))


@torch.no_grad()
def shot_probabilities(model,
                       frames: List[np.ndarray],
                       size: Tuple[int, int] = (64, 64),
                       sequence: Optional[str] = None,
                       num_valid: Optional[int] = None) -> np.ndarray:
    """Foreground probabilities of each frame of a shot at the network's
    ``size``: (T, h, w) float. The shot is resized to ``size``. The model
    is given the shot's ``sequence`` (so that an online segmenter such as
    a background subtractor carries its state from shot to shot of one
    video) and its ``num_valid`` real frames (the rest pad the last
    shot)."""
    small = np.stack([
        cv2.resize(f, size[::-1], interpolation=cv2.INTER_AREA) for f in frames
    ])
    clip = torch.from_numpy(small).permute(3, 0, 1, 2)[None]  # (1,3,T,h,w)
    data = model.data_preprocessor(dict(inputs=dict(video=clip)), False)
    sample = BaseDataElement(
        metainfo=dict(
            sequence=sequence,
            num_valid=len(frames) if num_valid is None else num_valid))
    return model(data['inputs'], [sample], mode='tensor')[0, 0].cpu().numpy()


def segment_shot(model,
                 frames: List[np.ndarray],
                 size: Tuple[int, int] = (64, 64),
                 sequence: Optional[str] = None,
                 num_valid: Optional[int] = None) -> List[np.ndarray]:
    """Foreground probabilities (H, W) of each frame of a shot, at the
    frames' size: :func:`shot_probabilities` scaled back by linear
    interpolation."""
    maps = shot_probabilities(model, frames, size, sequence, num_valid)
    return [upsample_to(m, frames[0].shape[:2]) for m in maps]


def _open_writer(path: str, fps: int, size) -> cv2.VideoWriter:
    try:
        return open_video_writer(path, fps, size)
    except RuntimeError as error:
        raise WriteError(path, 'OpenCV cannot open a video writer') from error


def check_threshold(threshold: Union[float, str]) -> Union[float, str]:
    """``threshold`` if it is a probability in [0, 1] or ``'otsu'``, else a
    ValueError (NaN, which no probability exceeds, would give empty
    masks)."""
    if threshold == OTSU:
        return threshold
    if isinstance(threshold, str) or not 0 <= threshold <= 1:
        raise ValueError(f'threshold must be a number between 0 and 1 or '
                         f'"otsu", got {threshold}')
    return threshold


def segment_video(model,
                  source: FrameSource,
                  out_dir: str,
                  threshold: Union[float, str] = 0.5,
                  shot_length: int = 32,
                  size: Tuple[int, int] = (64, 64),
                  progress: bool = True,
                  max_side: Optional[int] = None) -> dict:
    """Segments ``source`` shot by shot and writes, in ``out_dir``,
    ``masks/<frame>.png`` (0/255 at the input's size), ``mask.mp4`` (the
    same) and ``overlay.mp4`` (foreground tinted red, outlined, at the
    segmenting size). A pixel is foreground where its probability is above
    ``threshold``, or, with ``'otsu'``, above Otsu's threshold of its
    frame's map (computed at the segmenting size).

    Frames are segmented at their size, or, with ``max_side``, scaled down
    to that longest side as they are read (memory then depends on
    ``max_side``, not on the input); the masks are scaled back to the
    input's size (nearest). The outputs replace an earlier run's in
    ``out_dir`` only once all of them are written and decode (other files
    there are left alone); on any error (the input, a write) nothing is
    left behind and the earlier outputs are intact. A failed write is a
    :class:`WriteError` naming the file.

    Returns:
        dict: ``masks`` (folder), ``mask_video``, ``overlay_video``,
        ``num_frames`` written and the segmenting ``size`` (H, W).
    """
    check_threshold(threshold)
    h, w = source.size
    work = segmenting_size(source.size, max_side)
    frames = iter(source)
    if work != source.size:
        frames = (
            cv2.resize(f, work[::-1], interpolation=cv2.INTER_AREA)
            for f in frames)
    fps = int(round(source.fps)) or 1
    bar = ProgressBar(source.num_frames) if progress else None
    num_frames, messages = 0, []
    outputs = (MASK_FOLDER, MASK_VIDEO, OVERLAY_VIDEO)
    with replace_on_success(out_dir, outputs.__contains__) as staging:
        mask_dir = osp.join(staging, MASK_FOLDER)
        mask_path = osp.join(staging, MASK_VIDEO)
        overlay_path = osp.join(staging, OVERLAY_VIDEO)
        try:
            os.mkdir(mask_dir)
        except OSError as error:
            raise WriteError(mask_dir, error.strerror) from error
        mask_writer = _open_writer(mask_path, fps, (w, h))
        overlay_writer = _open_writer(overlay_path, fps, work[::-1])
        try:
            for shot, num_valid in _shots(frames, shot_length):
                maps = shot_probabilities(model, shot, size, source.source,
                                          num_valid)
                # FFmpeg logs a failed write instead of raising: kept for
                # the error if the videos do not decode in the end
                with captured_native_stderr() as logged:
                    for frame, prob in zip(shot[:num_valid], maps):
                        mask = threshold_probabilities(
                            upsample_to(prob, work), threshold).astype(
                                np.uint8) * 255
                        full = mask if work == source.size else cv2.resize(
                            mask, (w, h), interpolation=cv2.INTER_NEAREST)
                        write_image(
                            osp.join(mask_dir, f'{num_frames:05d}.png'), full)
                        mask_writer.write(
                            cv2.cvtColor(full, cv2.COLOR_GRAY2BGR))
                        overlay_writer.write(
                            cv2.cvtColor(
                                overlay_mask(frame, mask), cv2.COLOR_RGB2BGR))
                        num_frames += 1
                messages += logged
                if bar:
                    bar.update(num_valid)
        finally:
            with captured_native_stderr() as logged:
                mask_writer.release()
                overlay_writer.release()
            messages += logged
        for path in (mask_path, overlay_path):
            check_written_video(path, num_frames, messages)
    return dict(
        masks=osp.join(out_dir, MASK_FOLDER),
        mask_video=osp.join(out_dir, MASK_VIDEO),
        overlay_video=osp.join(out_dir, OVERLAY_VIDEO),
        num_frames=num_frames,
        size=work)
