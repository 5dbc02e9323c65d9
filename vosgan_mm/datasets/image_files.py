"""Image files decoded by Pillow, every failure a :class:`VideoDataError`
naming the file. Unlike OpenCV, which fills the lost part of a truncated
JPEG with grey and returns it, Pillow refuses a truncated file."""
import numpy as np
from PIL import Image

from .errors import VideoDataError

IMAGE_FORMATS = ('JPEG', 'PNG', 'BMP', 'TIFF')
# modes that Pillow converts to RGB without loss of meaning (16-bit and
# float images are not among them)
RGB_CONVERTIBLE_MODES = ('1', 'L', 'LA', 'P', 'PA', 'RGB', 'RGBA', 'RGBX',
                         'CMYK', 'YCbCr')


def load_image(path: str, what: str) -> Image.Image:
    """Decodes a JPEG, PNG, BMP or TIFF file.

    Args:
        path (str): The file.
        what (str): What it is, for the message (``'frame'``...).

    Raises:
        VideoDataError: Naming the file, when it is missing, empty,
            truncated, or not an image of those formats.
    """
    try:
        with Image.open(path, formats=IMAGE_FORMATS) as image:
            image.load()
            return image
    except Exception as exc:
        raise VideoDataError(f'{path}: cannot read the {what} '
                             f'({type(exc).__name__}: {exc})') from exc


def read_rgb_image(path: str, what: str) -> np.ndarray:
    """Reads an image file as an (H, W, 3) uint8 RGB array.

    A greyscale image is repeated into the three channels, an alpha channel
    is dropped and a palette is looked up.

    Raises:
        VideoDataError: Naming the file, as :func:`load_image` does, and
            for a 16-bit or float image.
    """
    image = load_image(path, what)
    if image.mode not in RGB_CONVERTIBLE_MODES:
        raise VideoDataError(f'{path}: cannot read the {what}: image mode '
                             f'{image.mode} is not 8-bit grey or colour')
    return np.array(image.convert('RGB'))
