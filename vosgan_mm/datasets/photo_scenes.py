"""Photo scenes: a rendered segmentation benchmark on real photographs,
where a static background is not free.

Backgrounds and object textures are crops of public-domain and CC0
photographs from scikit-image's data folder (``photo_scene_images/``, with
their licences in ``LICENSES.md`` there). Each clip shows one or two
textured objects moving over a photograph, with exact masks (a pixel is
foreground when its centre lies inside an object). The factors that make
background subtraction hard are options of the renderer, each drawn from a
random stream of its own, so that turning one on changes what it claims
and nothing else:

- ``pan``, ``zoom``, ``shake``: the camera moves over a larger canvas
  (objects move with the scene);
- ``dynamic_background``: a band of the background ripples like water or
  foliage (background, never in the mask);
- ``illumination``: the whole frame's brightness changes over the clip;
- ``noise``: Gaussian sensor noise;
- ``compression``: each frame JPEG-coded at quality 60-80 (a stand-in for a
  video codec's blocks and ringing);
- ``pauses``: each object stops for 6-12 frames;
- ``occlusion``: the second object's path crosses the first's mid-clip,
  over it.
"""
import functools
import os.path as osp
from typing import Dict, Sequence

import cv2
import numpy as np

IMAGE_DIR = osp.join(osp.dirname(osp.abspath(__file__)), 'photo_scene_images')
IMAGES = ('astronaut', 'brick', 'chelsea', 'coffee', 'grass', 'gravel',
          'rocket')
FACTORS = ('pan', 'zoom', 'shake', 'dynamic_background', 'illumination',
           'noise', 'compression', 'pauses', 'occlusion')
# the benchmark's axes: each alone, and all together
SCENARIOS = {
    'static': (),
    'moving_camera': ('pan', 'zoom', 'shake'),
    'dynamic_background': ('dynamic_background', ),
    'pauses': ('pauses', ),
    'all': FACTORS,
}
CANVAS = 128  # scene side in pixels, seen through a 64x64 frame
# the random streams, one per concern (SeedSequence.spawn order)
_STREAMS = ('scene', 'camera', 'dynamic', 'light', 'noise', 'pause')


@functools.lru_cache(maxsize=None)
def photo(name: str) -> np.ndarray:
    """One of ``IMAGES`` as (H, W, 3) float32 RGB in [0, 1]."""
    path = osp.join(IMAGE_DIR, f'{name}.jpg')
    image = cv2.imread(path, cv2.IMREAD_COLOR)
    if image is None:
        raise FileNotFoundError(f'photo scene image missing: {path}')
    return image[..., ::-1].astype(np.float32) / 255


def factors_of(scenario: str) -> tuple:
    if scenario not in SCENARIOS:
        raise ValueError(f'scenario must be one of {tuple(SCENARIOS)}, '
                         f'got {scenario!r}')
    return SCENARIOS[scenario]


def _crop(rng: np.random.Generator, image: np.ndarray, side: int,
          out: int) -> np.ndarray:
    """A random ``side``-pixel square of ``image`` (or of its short side)
    resized to ``out`` pixels."""
    h, w = image.shape[:2]
    side = min(side, h, w)
    y, x = rng.integers(0, h - side + 1), rng.integers(0, w - side + 1)
    return cv2.resize(
        image[y:y + side, x:x + side], (out, out),
        interpolation=cv2.INTER_AREA)


def _camera(rng: np.random.Generator, factors: Sequence[str], num_frames: int,
            size: int) -> np.ndarray:
    """(T, 2, 3) affine maps from canvas to frame pixels."""
    t = np.arange(num_frames, dtype=np.float64)
    pan = rng.uniform(-0.5, 0.5, size=2)
    zoom_end = rng.uniform(0.85, 1.2)
    shake = np.clip(rng.normal(0, 1.0, size=(num_frames, 2)), -2.5, 2.5)
    centre = np.full((num_frames, 2), CANVAS / 2)
    if 'pan' in factors:
        centre += t[:, None] * pan
    if 'shake' in factors:
        centre += shake
    scale = np.ones(num_frames)
    if 'zoom' in factors:
        scale = 1 + (zoom_end - 1) * t / max(num_frames - 1, 1)
    maps = np.zeros((num_frames, 2, 3))
    maps[:, 0, 0] = maps[:, 1, 1] = scale
    maps[:, :, 2] = size / 2 - scale[:, None] * centre
    return maps


def _ripple(rng: np.random.Generator, canvas: np.ndarray,
            num_frames: int) -> list:
    """The canvas of each frame with a band that ripples (a travelling
    wave displaces its pixels by up to 1.5-3 px)."""
    top = rng.integers(CANVAS // 2, CANVAS - CANVAS // 4)
    amplitude = rng.uniform(1.5, 3.0)
    wavelength = rng.uniform(8, 16)
    period = rng.uniform(6, 12)
    yy, xx = np.mgrid[0:CANVAS, 0:CANVAS].astype(np.float32)
    band = yy >= top
    frames = []
    for t in range(num_frames):
        phase = 2 * np.pi * (yy / wavelength + t / period)
        map_x = xx + np.where(band, amplitude * np.sin(phase), 0)
        map_y = yy + np.where(band, 0.5 * amplitude * np.cos(phase), 0)
        frames.append(
            cv2.remap(
                canvas,
                map_x.astype(np.float32),
                map_y.astype(np.float32),
                cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_REFLECT))
    return frames


def render_photo_scene_clip(seed: int,
                            factors: Sequence[str] = (),
                            num_frames: int = 32,
                            size: int = 64,
                            max_objects: int = 2) -> Dict[str, np.ndarray]:
    """One clip of the photo-scene benchmark.

    Args:
        seed (int): The clip's seed.
        factors (Sequence[str]): Which of ``FACTORS`` are on.
        num_frames (int): Frames. Defaults to 32.
        size (int): Frame side. Defaults to 64.
        max_objects (int): Objects at most (1 or 2; occlusion needs 2).

    Returns:
        dict: ``imgs`` (T, H, W, 3) uint8 RGB, ``gt_masks`` (T, H, W) uint8
        in {0, 1} (any object), ``object_masks`` (K, T, H, W) bool, one
        per object, before occlusion (a later object is drawn over an
        earlier one), ``background`` the name in ``IMAGES`` of the
        background's photograph, ``object_photos`` those of the K
        objects' textures (all different), and ``camera_maps`` (T, 2, 3)
        float64, the affine map of each frame from the scene's canvas to
        the frame's pixels (the same every frame under a still camera):
        the truth a camera-motion estimate is measured against
        (:func:`true_stabilisation`).
    """
    unknown = set(factors) - set(FACTORS)
    if unknown:
        raise ValueError(f'unknown photo scene factors {sorted(unknown)}; '
                         f'expected some of {FACTORS}')
    if max_objects not in (1, 2):
        raise ValueError(f'max_objects must be 1 or 2, got {max_objects}')
    if num_frames < 2:
        raise ValueError(f'num_frames must be at least 2, got {num_frames}')
    streams = dict(
        zip(_STREAMS,
            (np.random.default_rng(s)
             for s in np.random.SeedSequence(seed).spawn(len(_STREAMS)))))
    rng = streams['scene']
    names = rng.permutation(len(IMAGES))
    canvas = _crop(rng, photo(IMAGES[names[0]]), 160, CANVAS)
    num_objects = int(rng.integers(1, max_objects + 1))
    if 'occlusion' in factors:
        num_objects = 2
    objects = []
    for k in range(2):  # always drawn, so that both streams stay aligned
        radius = rng.uniform(6, 11)
        start = CANVAS / 2 + rng.uniform(-16, 16, size=2)
        angle = rng.uniform(0, 2 * np.pi)
        speed = rng.uniform(0.8, 2.0)
        velocity = speed * np.array([np.cos(angle), np.sin(angle)])
        side = int(np.ceil(2 * radius)) + 1
        texture = _crop(rng, photo(IMAGES[names[1 + k]]), 48, side)
        objects.append(
            dict(
                radius=radius,
                start=start - velocity * num_frames / 2,
                velocity=velocity,
                is_disc=bool(rng.integers(0, 2)),
                texture=texture))
    objects = objects[:num_objects]
    t = np.arange(num_frames, dtype=np.float64)
    for obj in objects:
        # (a clip shorter than 17 frames pauses from frame 4 on)
        pause_start = streams['pause'].integers(4, max(5, num_frames - 12))
        pause_length = streams['pause'].integers(6, 13)
        moving = t.copy()
        if 'pauses' in factors:
            moving = np.where(t < pause_start, t,
                              np.maximum(pause_start, t - pause_length))
        obj['centres'] = obj['start'] + moving[:, None] * obj['velocity']
    if 'occlusion' in factors:
        # the second object passes over the first one's mid-clip place
        bottom, top = objects
        middle = num_frames // 2
        top['centres'] = top['centres'] - top['centres'][middle] + \
            bottom['centres'][middle]
    cameras = _camera(streams['camera'], factors, num_frames, size)
    canvases = _ripple(streams['dynamic'], canvas, num_frames) \
        if 'dynamic_background' in factors else [canvas] * num_frames
    gain = 1 + streams['light'].uniform(0.15, 0.3) * np.sin(
        2 * np.pi * t / num_frames + streams['light'].uniform(0, 2 * np.pi))
    quality = int(streams['noise'].integers(60, 80))
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    frames = np.zeros((num_frames, size, size, 3), np.uint8)
    object_masks = np.zeros((len(objects), num_frames, size, size), bool)
    for f in range(num_frames):
        camera = cameras[f]
        frame = cv2.warpAffine(
            canvases[f],
            camera, (size, size),
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_REFLECT)
        scale = camera[0, 0]
        for k, obj in enumerate(objects):
            cx, cy = camera[:, :2] @ obj['centres'][f] + camera[:, 2]
            radius = obj['radius'] * scale
            dx, dy = xx - cx, yy - cy
            inside = (dx**2 + dy**2 <= radius**2) if obj['is_disc'] else \
                (np.abs(dx) <= radius) & (np.abs(dy) <= radius)
            half = (obj['texture'].shape[0] - 1) / 2
            texture = cv2.remap(
                obj['texture'], (dx / scale + half).astype(np.float32),
                (dy / scale + half).astype(np.float32),
                cv2.INTER_LINEAR,
                borderMode=cv2.BORDER_REFLECT)
            frame[inside] = texture[inside]
            object_masks[k, f] = inside
        if 'illumination' in factors:
            frame = frame * gain[f]
        if 'noise' in factors:
            frame = frame + streams['noise'].normal(0, 0.02, frame.shape)
        frame = np.round(np.clip(frame, 0, 1) * 255).astype(np.uint8)
        if 'compression' in factors:
            ok, coded = cv2.imencode('.jpg', frame[..., ::-1],
                                     [cv2.IMWRITE_JPEG_QUALITY, quality])
            frame = cv2.imdecode(coded, cv2.IMREAD_COLOR)[..., ::-1]
        frames[f] = frame
    return dict(
        imgs=frames,
        gt_masks=object_masks.any(0).astype(np.uint8),
        object_masks=object_masks,
        background=IMAGES[names[0]],
        object_photos=tuple(IMAGES[names[1 + k]] for k in range(len(objects))),
        camera_maps=cameras)


def true_stabilisation(camera_maps: np.ndarray) -> np.ndarray:
    """(T, 3, 3) the true map of each frame of a clip onto its middle frame
    (frame T // 2), from the clip's (T, 2, 3) ``camera_maps``: what
    ``StabiliseClip`` estimates from the pixels (its ``stabilisation``
    key), in the same convention."""
    last_row = np.tile([[[0, 0, 1.0]]], (len(camera_maps), 1, 1))
    canvas_to_frame = np.concatenate([camera_maps, last_row], 1)
    middle = canvas_to_frame[len(camera_maps) // 2]
    return middle @ np.linalg.inv(canvas_to_frame)
