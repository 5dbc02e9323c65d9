"""Write the photo-scene benchmark's photographs from a scikit-image wheel.

    python tools/data/extract_photo_scene_images.py WHEEL_OR_DATA_DIR
        [--out vosgan_mm/datasets/photo_scene_images]

WHEEL_OR_DATA_DIR is a scikit-image wheel (``pip download scikit-image
--no-deps``) or an installed ``skimage/data`` folder. Each image of
``vosgan_mm.datasets.photo_scenes.IMAGES`` is read, downscaled to 256
pixels on its longest side and written as JPEG (quality 92). The files
are part of the package; this tool only shows where they came from.
"""
import argparse
import os
import os.path as osp
import zipfile

import cv2
import numpy as np

from vosgan_mm.datasets.photo_scenes import IMAGE_DIR, IMAGES
from vosgan_mm.utils.tool_errors import add_debug_argument, run_tool

SOURCES = dict(rocket='rocket.jpg')  # the others are PNG


def parse_args():
    parser = argparse.ArgumentParser(
        description='Write the photo-scene photographs from scikit-image')
    parser.add_argument('source', help='scikit-image wheel or skimage/data')
    parser.add_argument(
        '--out',
        default=IMAGE_DIR,
        help='folder to write (default: the package\'s, %(default)s)')
    add_debug_argument(parser)
    return parser.parse_args()


def read_source(source: str, name: str) -> bytes:
    file_name = SOURCES.get(name, f'{name}.png')
    if osp.isdir(source):
        with open(osp.join(source, file_name), 'rb') as f:
            return f.read()
    with zipfile.ZipFile(source) as wheel:
        return wheel.read(f'skimage/data/{file_name}')


def main():
    args = parse_args()
    if not osp.exists(args.source):
        raise FileNotFoundError(f'not found: {args.source}')
    os.makedirs(args.out, exist_ok=True)
    for name in IMAGES:
        image = cv2.imdecode(
            np.frombuffer(read_source(args.source, name), np.uint8),
            cv2.IMREAD_COLOR)
        if image is None:
            raise ValueError(f'{args.source}: {name} does not decode')
        scale = 256 / max(image.shape[:2])
        image = cv2.resize(
            image, (round(image.shape[1] * scale),
                    round(image.shape[0] * scale)),
            interpolation=cv2.INTER_AREA)
        path = osp.join(args.out, f'{name}.jpg')
        if not cv2.imwrite(path, image, [cv2.IMWRITE_JPEG_QUALITY, 92]):
            raise OSError(f'could not write {path}')
        print(f'wrote {path} ({image.shape[1]}x{image.shape[0]})')


if __name__ == '__main__':
    run_tool(main)
