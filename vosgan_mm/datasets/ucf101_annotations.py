"""MMAction2 annotation files from UCF101 as released.

The release holds one folder per class of ``.avi`` files
(``UCF-101/<Class>/v_<Class>_gXX_cYY.avi``) and the official split files
``classInd.txt`` (``<index> <Class>``, 1-based), ``trainlist0N.txt``
(``<Class>/<video>.avi <index>``) and ``testlist0N.txt``
(``<Class>/<video>.avi``). MMAction2's ``VideoDataset`` reads lines
``<Class>/<video>.avi <label>`` with 0-based labels.

UCF101's official lists have no validation set. Model selection on the
test list would report a selected test accuracy, so a validation set is
held out of each train list, by group: a group (``gXX``) holds the clips
of one actor performing one action, and its clips must not straddle
training and validation (:func:`hold_out_groups`).
"""
import os.path as osp
import re
from typing import Dict, List, Sequence, Tuple

import cv2
import numpy as np

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


GROUP = re.compile(r'_g(\d+)_c\d+\.avi$')
# groups held out of a train list (18 groups there) for validation: 1/6
VALIDATION_GROUPS = 3


def group_of(line: str) -> int:
    """The group id ``XX`` of a line ``<Class>/v_<Class>_gXX_cYY.avi ...``."""
    path = line.split()[0]
    found = GROUP.search(path)
    if not found:
        raise VideoDataError(f'{path}: not a UCF101 clip name '
                             '(v_<Class>_gXX_cYY.avi): no group id')
    return int(found.group(1))


def hold_out_groups(lines: Sequence[str],
                    num_groups: int = VALIDATION_GROUPS,
                    seed: int = 0) -> Tuple[List[str], List[str], List[int]]:
    """Splits the lines of a train list into training and validation by
    group id: ``num_groups`` of its groups, drawn with ``seed``, are held
    out in every class.

    Returns:
        tuple: (training lines, validation lines, the held-out group ids).
    """
    groups = sorted({group_of(line) for line in lines})
    if len(groups) <= num_groups:
        raise VideoDataError(
            f'a validation split of {num_groups} groups needs more groups '
            f'than the train list\'s {len(groups)}')
    held = sorted(
        int(g) for g in np.random.default_rng(seed).choice(
            groups, num_groups, replace=False))
    train = [line for line in lines if group_of(line) not in held]
    val = [line for line in lines if group_of(line) in held]
    return train, val, held
