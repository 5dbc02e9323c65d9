"""MMAction2 annotation files from UCF101 as released.

The release holds one folder per class of ``.avi`` files
(``UCF-101/<Class>/v_<Class>_gXX_cYY.avi``) and the official split files
``classInd.txt`` (``<index> <Class>``, 1-based), ``trainlist0N.txt``
(``<Class>/<video>.avi <index>``) and ``testlist0N.txt``
(``<Class>/<video>.avi``). MMAction2's ``VideoDataset`` reads lines
``<Class>/<video>.avi <label>`` with 0-based labels.
"""
import os.path as osp
from typing import Dict, List, Tuple

import cv2

from .errors import VideoDataError


def read_class_index(path: str) -> Dict[str, int]:
    """``classInd.txt`` -> class name -> 0-based label."""
    if not osp.isfile(path):
        raise FileNotFoundError(f'UCF101 class index not found: {path}')
    classes = {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            if len(fields) != 2 or not fields[0].isdigit():
                raise VideoDataError(
                    f'{path}:{number}: expected "<index> <class>", got '
                    f'"{line.strip()}"')
            classes[fields[1]] = int(fields[0]) - 1
    return classes


def video_is_readable(path: str) -> bool:
    """Whether OpenCV opens the video and decodes its first frame."""
    capture = cv2.VideoCapture(path)
    try:
        ok, _ = capture.read()
        return bool(ok)
    finally:
        capture.release()


def build_split(split_file: str,
                classes: Dict[str, int],
                video_root: str,
                check_readable: bool = True) -> Tuple[List[str], List[str]]:
    """Annotation lines of one official split list.

    The label comes from the video's class folder, looked up in
    ``classes`` (a class missing there is an error: never a wrong label).
    Videos that are missing or unreadable are left out and reported.

    Returns:
        tuple: (annotation lines, problems).
    """
    if not osp.isfile(split_file):
        raise FileNotFoundError(f'UCF101 split list not found: {split_file}')
    lines, problems = [], []
    with open(split_file) as f:
        for number, line in enumerate(f, 1):
            fields = line.split()
            if not fields:
                continue
            rel_path = fields[0]
            class_name = rel_path.split('/')[0]
            if class_name not in classes:
                raise VideoDataError(
                    f'{split_file}:{number}: class "{class_name}" of '
                    f'{rel_path} is not in classInd.txt')
            label = classes[class_name]
            if len(fields) > 1 and not fields[1].isdigit():
                raise VideoDataError(
                    f'{split_file}:{number}: label "{fields[1]}" of '
                    f'{rel_path} is not a class number')
            if len(fields) > 1 and int(fields[1]) - 1 != label:
                raise VideoDataError(
                    f'{split_file}:{number}: label {fields[1]} of {rel_path}'
                    f' disagrees with classInd.txt ({label + 1})')
            path = osp.join(video_root, rel_path)
            if not osp.isfile(path):
                problems.append(f'missing: {path}')
            elif check_readable and not video_is_readable(path):
                problems.append(f'unreadable: {path}')
            else:
                lines.append(f'{rel_path} {label}')
    return lines, problems
