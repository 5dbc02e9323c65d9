"""tools/data/write_sprite_data.py: sprite clips in the layouts that the
DAVIS-2016 data set and the UCF101 annotation tool read."""
import os.path as osp

import cv2
import numpy as np

from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.datasets import DAVIS2016Dataset
from vosgan_mm.datasets.ucf101_annotations import read_class_index


def test_davis_layout_is_read_by_the_davis_data_set(tmp_path):
    root = tmp_path / 'DAVIS'
    result = run_tool('tools/data/write_sprite_data.py', 'davis', str(root),
                      '--count', '3', '--frames', '35', '--size', '48')
    assert result.returncode == 0, result.stderr[-2000:]
    assert '3 sequences of 35 frames (2 train, 1 val)' in result.stdout
    val = DAVIS2016Dataset(
        data_root=str(root), split='val', pipeline=[], lazy_init=False)
    train = DAVIS2016Dataset(
        data_root=str(root), split='train', pipeline=[], lazy_init=False)
    # 35 frames: shots of frames 0-31 and 32-34 (padded)
    assert len(val) == 2 and len(train) == 4
    mask = osp.join(root, 'Annotations', '480p', 'sprites00', '00000.png')
    values = np.unique(cv2.imread(mask, cv2.IMREAD_GRAYSCALE))
    assert set(values.tolist()) == {0, 255}


def test_ucf101_layout_is_read_by_the_annotation_tool(tmp_path):
    root = tmp_path / 'ucf101'
    result = run_tool('tools/data/write_sprite_data.py', 'ucf101', str(root),
                      '--count', '5', '--frames', '34', '--size', '32')
    assert result.returncode == 0, result.stderr[-2000:]
    classes = read_class_index(str(root / 'ucfTrainTestlist' / 'classInd.txt'))
    assert sorted(classes) == ['SpriteA', 'SpriteB', 'SpriteC']
    result = run_tool('tools/data/build_ucf101_annotations.py', '--videos',
                      str(root / 'UCF-101'), '--splits',
                      str(root / 'ucfTrainTestlist'), '--out-dir', str(root),
                      '--split', '1', '--val-groups', '1')
    assert result.returncode == 0, result.stderr[-2000:]
    train = (root / 'ucf101_train_split_1_videos.txt').read_text().split('\n')
    test = (root / 'ucf101_test_split_1_videos.txt').read_text().split('\n')
    val = (root / 'ucf101_val_split_1_videos.txt').read_text().split('\n')
    # groups 1-2 test, 3-5 train of which one group is held out
    assert len([x for x in test if x]) == 3 * 2
    assert len([x for x in train if x]) + len([x for x in val if x]) == 3 * 3
    assert len([x for x in val if x]) == 3


def test_ucf101_layout_needs_a_train_group():
    result = run_tool('tools/data/write_sprite_data.py', 'ucf101', 'unused',
                      '--count', '2')
    assert result.returncode != 0
    assert 'at least 3 groups' in result.stderr


def test_folders_layout_is_read_by_the_frame_mask_folder_data_set(tmp_path):
    from vosgan_mm.datasets import FrameMaskFolderDataset
    root = tmp_path / 'folders'
    result = run_tool('tools/data/write_sprite_data.py', 'folders', str(root),
                      '--count', '4', '--frames', '32', '--size', '40')
    assert result.returncode == 0, result.stderr[-2000:]
    assert osp.isfile(root / 'sprites03' / 'masks' / '00031.png')
    data = FrameMaskFolderDataset(
        data_root=str(root), split='train', pipeline=[], lazy_init=False)
    assert len(data) == 3  # 70 % of 4 videos, one shot each
