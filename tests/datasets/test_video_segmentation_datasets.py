import json
import cv2
import numpy as np
import pytest
from PIL import Image

from vosgan_mm.datasets import VideoDataError, cut_into_shots, split_by_video
from vosgan_mm.registry import DATASETS

PIPELINE = [
    dict(type='LoadShotFrames', size=(64, 64)),
    dict(type='LoadShotMasks', size=(64, 64)),
    dict(type='PackSegmentationInputs'),
]


def write_sequence(frame_dir,
                   mask_dirs,
                   num_frames,
                   size=(48, 80),
                   frame_ext='.jpg',
                   mask_ext='.png'):
    """Frames with a bright square moving right; each mask dir gets the
    square's left or right half (several objects of one foreground)."""
    h, w = size
    frame_dir.mkdir(parents=True, exist_ok=True)
    for d in mask_dirs:
        d.mkdir(parents=True, exist_ok=True)
    for t in range(num_frames):
        frame = np.full((h, w, 3), 40, np.uint8)
        x = 5 + t % (w - 25)
        frame[10:30, x:x + 20] = 220
        cv2.imwrite(str(frame_dir / f'{t:05d}{frame_ext}'), frame)
        for k, d in enumerate(mask_dirs):
            mask = np.zeros((h, w), np.uint8)
            half = len(mask_dirs) > 1
            left = x + (10 * k if half else 0)
            mask[10:30, left:left + (10 if half else 20)] = 255
            cv2.imwrite(str(d / f'{t:05d}{mask_ext}'), mask)


def make_davis(root, seqs, list_format):
    for name, n in seqs.items():
        write_sequence(root / 'JPEGImages' / '480p' / name,
                       [root / 'Annotations' / '480p' / name], n)
    subsets = dict(train=list(seqs)[:1], val=list(seqs)[1:])
    for subset, names in subsets.items():
        if list_format == '2016':
            folder = root / 'ImageSets' / '480p'
            lines = [
                f'/JPEGImages/480p/{n}/{t:05d}.jpg '
                f'/Annotations/480p/{n}/{t:05d}.png' for n in names
                for t in range(seqs[n])
            ]
        else:
            folder = root / 'ImageSets' / '2016'
            lines = names
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f'{subset}.txt').write_text('\n'.join(lines) + '\n')


def build(cfg):
    return DATASETS.build(dict(pipeline=PIPELINE, **cfg))


def shots(dataset):
    return [(dataset.get_data_info(i)['sequence'],
             dataset.get_data_info(i)['shot_index'])
            for i in range(len(dataset))]


def test_seventy_frames_give_two_full_shots_and_a_padded_one():
    result = cut_into_shots(70, 32)
    assert [n for _, n in result] == [32, 32, 6]
    assert result[0][0] == list(range(32))
    assert result[1][0] == list(range(32, 64))
    assert result[2][0] == list(range(64, 70)) + [69] * 26
    assert cut_into_shots(10, 32)[0] == (list(range(10)) + [9] * 22, 10)


def test_split_is_by_video_seventy_thirty_and_fixed_by_seed():
    names = [f'v{i}' for i in range(10)]
    split = split_by_video(names, 0.7, seed=0)
    assert len(split['train']) == 7 and len(split['val']) == 3
    assert set(split['train']).isdisjoint(split['val'])
    assert split == split_by_video(list(reversed(names)), 0.7, seed=0)
    assert split != split_by_video(names, 0.7, seed=1)


@pytest.mark.parametrize('list_format', ['2016', '2017'])
def test_davis2016_reads_both_split_list_formats(tmp_path, list_format):
    make_davis(tmp_path, {'bear': 40, 'camel': 33}, list_format)
    train = build(
        dict(type='DAVIS2016Dataset', data_root=str(tmp_path), split='train'))
    val = build(
        dict(type='DAVIS2016Dataset', data_root=str(tmp_path), split='val'))
    assert shots(train) == [('bear', 0), ('bear', 1)]
    assert shots(val) == [('camel', 0), ('camel', 1)]
    sample = train[1]
    assert sample['inputs']['video'].shape == (3, 32, 64, 64)
    ds = sample['data_samples']
    assert ds.num_valid == 8 and ds.gt_masks.shape == (8, 48, 80)
    assert ds.ori_shape == (48, 80)
    assert ds.gt_masks_small.shape == (32, 64, 64)
    assert ds.gt_masks[0].sum() == 20 * 20


def test_davis_without_split_list_names_where_it_looked(tmp_path):
    make_davis(tmp_path, {'bear': 3, 'camel': 3}, '2017')
    (tmp_path / 'ImageSets' / '2016' / 'val.txt').unlink()
    with pytest.raises(
            FileNotFoundError, match=r'split list "val" not found.*ImageSets'):
        build(dict(type='DAVIS2016Dataset', data_root=str(tmp_path)))


def test_segtrack_v2_unites_the_objects_of_a_sequence(tmp_path):
    write_sequence(
        tmp_path / 'JPEGImages' / 'single',
        [tmp_path / 'GroundTruth' / 'single'],
        5,
        frame_ext='.png')
    write_sequence(
        tmp_path / 'JPEGImages' / 'pair', [
            tmp_path / 'GroundTruth' / 'pair' / '1',
            tmp_path / 'GroundTruth' / 'pair' / '2'
        ],
        5,
        frame_ext='.png')
    dataset = build(
        dict(type='SegTrackV2Dataset', data_root=str(tmp_path), split='all'))
    by_name = {
        dataset[i]['data_samples'].sequence: dataset[i]
        for i in range(len(dataset))
    }
    single = by_name['single']['data_samples'].gt_masks
    pair = by_name['pair']['data_samples'].gt_masks
    assert pair.sum() == single.sum() == 5 * 20 * 20  # two halves = one


def test_generic_layout_and_its_seeded_split(tmp_path):
    for i in range(4):
        write_sequence(tmp_path / f'fish{i}' / 'frames',
                       [tmp_path / f'fish{i}' / 'masks'], 3)
    train = build(
        dict(
            type='FrameMaskFolderDataset',
            data_root=str(tmp_path),
            split='train'))
    val = build(
        dict(
            type='FrameMaskFolderDataset',
            data_root=str(tmp_path),
            split='val'))
    names = {s for s, _ in shots(train)} | {s for s, _ in shots(val)}
    assert names == {f'fish{i}' for i in range(4)}
    assert len(shots(train)) == 3 and len(shots(val)) == 1


def test_frame_and_mask_counts_must_match(tmp_path):
    write_sequence(tmp_path / 'a' / 'frames', [tmp_path / 'a' / 'masks'], 4)
    (tmp_path / 'a' / 'masks' / '00003.png').unlink()
    with pytest.raises(VideoDataError, match='sequence a: 4 frames but 3'):
        build(
            dict(
                type='FrameMaskFolderDataset',
                data_root=str(tmp_path),
                split='all'))


def test_mask_of_another_size_than_its_frame_is_named(tmp_path):
    write_sequence(tmp_path / 'a' / 'frames', [tmp_path / 'a' / 'masks'], 2)
    cv2.imwrite(
        str(tmp_path / 'a' / 'masks' / '00001.png'),
        np.zeros((10, 10), np.uint8))
    dataset = build(
        dict(
            type='FrameMaskFolderDataset',
            data_root=str(tmp_path),
            split='all'))
    with pytest.raises(
            VideoDataError, match=r'00001\.png: mask size \(10, 10\) differs'):
        dataset[0]


def test_empty_sequence_folder_is_named(tmp_path):
    write_sequence(tmp_path / 'a' / 'frames', [tmp_path / 'a' / 'masks'], 2)
    (tmp_path / 'b' / 'frames').mkdir(parents=True)
    (tmp_path / 'b' / 'masks').mkdir(parents=True)
    with pytest.raises(VideoDataError, match=r'b/frames: empty folder'):
        build(
            dict(
                type='FrameMaskFolderDataset',
                data_root=str(tmp_path),
                split='all'))


def test_sprite_benchmark_splits_clips_and_keeps_masks():
    train = DATASETS.build(
        dict(type='SpriteSegmentationDataset', num_clips=10, split='train'))
    val = DATASETS.build(
        dict(
            type='SpriteSegmentationDataset',
            num_clips=10,
            split='val',
            pipeline=[dict(type='PackSegmentationInputs')]))
    assert len(train) == 7 and len(val) == 3
    ds = val[0]['data_samples']
    assert ds.gt_masks.shape == (32, 64, 64) and ds.gt_masks.any()


def one_frame_sequence(root, frame, mask):
    """A FrameMaskFolderDataset of one sequence of one frame and mask, as
    given (PIL images)."""
    (root / 'a' / 'frames').mkdir(parents=True)
    (root / 'a' / 'masks').mkdir(parents=True)
    frame.save(root / 'a' / 'frames' / '0.png')
    mask.save(root / 'a' / 'masks' / '0.png')


def load_one(root, **mask_cfg):
    return DATASETS.build(
        dict(
            type='FrameMaskFolderDataset',
            data_root=str(root),
            split='all',
            pipeline=[
                dict(type='LoadShotFrames', size=(8, 8)),
                dict(type='LoadShotMasks', size=(8, 8), **mask_cfg)
            ]))[0]


def square_mask(foreground=255, background=0):
    mask = np.full((16, 16), background, np.uint8)
    mask[4:12, 4:12] = foreground
    return mask


def grey_frame():
    return Image.fromarray(
        np.tile(np.arange(16, dtype=np.uint8) * 16, (16, 1)))


@pytest.mark.parametrize('mode', ['L', 'LA', 'RGBA'])
def test_grey_and_rgba_frames_are_read_as_rgb(tmp_path, mode):
    one_frame_sequence(tmp_path,
                       grey_frame().convert(mode),
                       Image.fromarray(square_mask()))
    frame = load_one(tmp_path)['imgs'][0]
    assert frame.shape == (8, 8, 3) and frame.dtype == np.uint8
    assert (frame == frame[..., :1]).all()  # R = G = B: the grey values
    assert frame[0, 0, 0] < 32 and frame[0, 7, 0] > 200


def test_sixteen_bit_frame_is_an_error_naming_it(tmp_path):
    one_frame_sequence(tmp_path, grey_frame(), Image.fromarray(square_mask()))
    cv2.imwrite(
        str(tmp_path / 'a' / 'frames' / '0.png'),
        np.full((16, 16), 40000, np.uint16))
    with pytest.raises(
            VideoDataError,
            match=r'frames/0\.png: cannot read the frame: image mode I;16 '
            'is not 8-bit grey or colour'):
        load_one(tmp_path)


@pytest.mark.parametrize(
    'mask',
    [
        Image.fromarray(square_mask(255)),  # DAVIS-2016, SegTrack v2
        Image.fromarray(square_mask(1)),  # 0/1
        Image.fromarray(square_mask(255)).convert('RGB'),  # colour 0/255
        Image.fromarray(square_mask(255)).convert('1'),  # 1-bit
    ],
    ids=['0-255', '0-1', 'rgb-0-255', '1-bit'])
def test_binary_masks_of_either_convention_give_the_same_foreground(
        tmp_path, mask):
    one_frame_sequence(tmp_path, grey_frame(), mask)
    assert (load_one(tmp_path)['gt_masks'][0] == (square_mask() > 0)).all()


def test_palette_mask_of_object_ids_is_foreground_where_not_zero(tmp_path):
    ids = square_mask(1)
    ids[4:8, 4:12] = 2  # two objects, as in DAVIS-2017
    mask = Image.fromarray(ids).convert('P')
    mask.putpalette([0, 0, 0, 128, 0, 0, 0, 128, 0])  # black, red, green
    one_frame_sequence(tmp_path, grey_frame(), mask)
    assert (load_one(tmp_path)['gt_masks'][0] == (ids > 0)).all()


@pytest.mark.parametrize('values', [(0, 128, 255), (0, 1, 2), (1, 255)])
def test_non_binary_mask_is_an_error_naming_it_and_its_values(
        tmp_path, values):
    mask = square_mask(values[-1], values[0])
    mask[0, :] = values[1]
    one_frame_sequence(tmp_path, grey_frame(), Image.fromarray(mask))
    shown = ', '.join(map(str, values))
    with pytest.raises(
            VideoDataError,
            match=rf'masks/0\.png: mask values must be 0/255 or 0/1, found '
            rf'{shown}; for soft masks set LoadShotMasks\' threshold'):
        load_one(tmp_path)


def test_threshold_reads_soft_masks(tmp_path):
    mask = square_mask(255)
    mask[3, 4:12] = 100  # antialiased edges, one under and one over 127
    mask[12, 4:12] = 200
    one_frame_sequence(tmp_path, grey_frame(), Image.fromarray(mask))
    foreground = load_one(tmp_path, threshold=127)['gt_masks'][0]
    assert (foreground == (mask > 127)).all() and foreground[12, 4]


def fish_folders(root, num=4):
    for i in range(num):
        write_sequence(root / f'fish{i}' / 'frames',
                       [root / f'fish{i}' / 'masks'], 3)


def test_a_published_split_file_is_read_instead_of_drawn(tmp_path):
    fish_folders(tmp_path / 'data')
    split = tmp_path / 'split.json'
    split.write_text(json.dumps(dict(train=['fish0'], val=['fish3'])))
    cfg = dict(
        type='FrameMaskFolderDataset',
        data_root=str(tmp_path / 'data'),
        split_file=str(split))
    assert {s for s, _ in shots(build(dict(cfg, split='train')))} == {'fish0'}
    assert {s for s, _ in shots(build(dict(cfg, split='val')))} == {'fish3'}
    # the seed and the ratio no longer matter
    assert {s for s, _ in shots(
        build(dict(cfg, split='val', split_seed=5, train_ratio=0.1)))} == {
            'fish3'
        }


@pytest.mark.parametrize('content, message', [
    (dict(train=['fish0'], val=['fish9']),
     r'split.json: val videos not in .*data: fish9'),
    (dict(train=['fish0', 'fish1'], val=['fish1']),
     r'split.json: videos in both train and val: fish1'),
    (dict(train=['fish0']), r'split.json: not a split file \(KeyError'),
])
def test_a_split_file_that_does_not_fit_the_data_is_named(
        tmp_path, content, message):
    fish_folders(tmp_path / 'data')
    split = tmp_path / 'split.json'
    split.write_text(json.dumps(content))
    with pytest.raises(VideoDataError, match=message):
        build(
            dict(
                type='FrameMaskFolderDataset',
                data_root=str(tmp_path / 'data'),
                split='val',
                split_file=str(split)))


def test_a_missing_split_file_says_how_to_write_it(tmp_path):
    fish_folders(tmp_path / 'data')
    with pytest.raises(
            FileNotFoundError,
            match='split file not found: .*nope.json .*write_segmentation_'
            'split.py'):
        build(
            dict(
                type='FrameMaskFolderDataset',
                data_root=str(tmp_path / 'data'),
                split_file=str(tmp_path / 'nope.json')))
