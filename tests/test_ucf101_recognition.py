"""UCF101 action recognition through MMAction2, end to end on a tiny
UCF101-layout set of real video files."""
import json
import os.path as osp

import cv2
import mmaction
import numpy as np
import pytest
import torch
from mmengine.registry import init_default_scope

from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.datasets import (VideoDataError, build_split, hold_out_groups,
                                read_class_index)
from vosgan_mm.datasets.ucf101_annotations import group_of
from vosgan_mm.registry import MODELS
from vosgan_mm.utils import CheckpointError

CLASSES = ['ApplyEyeMakeup', 'Biking', 'Diving']


def write_avi(path, num_frames=36, colour=(0, 0, 255), speed=2):
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(
        str(path), cv2.VideoWriter_fourcc(*'MJPG'), 10, (80, 64))
    for t in range(num_frames):
        frame = np.full((64, 80, 3), 60, np.uint8)
        cv2.circle(frame, (10 + speed * t % 60, 32), 8, colour, -1)
        writer.write(frame)
    writer.release()


def make_ucf101(root):
    """UCF-101/<Class>/v_<Class>_gXX_cYY.avi and ucfTrainTestlist/."""
    lists = root / 'ucfTrainTestlist'
    lists.mkdir(parents=True)
    (lists / 'classInd.txt').write_text(''.join(
        f'{i + 1} {c}\n' for i, c in enumerate(CLASSES)))
    train, test = [], []
    for i, name in enumerate(CLASSES):
        for group in (1, 2, 3, 4):
            rel = f'{name}/v_{name}_g{group:02d}_c01.avi'
            write_avi(
                root / 'UCF-101' / rel,
                colour=[(0, 0, 255), (0, 255, 0), (255, 0, 0)][i],
                speed=i + 1)
            if group < 4:
                train.append(f'{rel} {i + 1}')
            else:
                test.append(rel)
    (lists / 'trainlist01.txt').write_text('\n'.join(train) + '\n')
    (lists / 'testlist01.txt').write_text('\n'.join(test) + '\n')
    return root


@pytest.fixture(scope='module')
def ucf101(tmp_path_factory):
    root = make_ucf101(tmp_path_factory.mktemp('ucf101'))
    result = run_tool('tools/data/build_ucf101_annotations.py', '--videos',
                      str(root / 'UCF-101'), '--splits',
                      str(root / 'ucfTrainTestlist'), '--out-dir', str(root),
                      '--split', '1', '--val-groups', '1')
    assert result.returncode == 0, result.stderr[-3000:]
    return root


@pytest.fixture(scope='module')
def gan_checkpoint(tmp_path_factory):
    init_default_scope('vosgan_mm')
    gan = MODELS.build(
        dict(
            type='VOSGAN',
            generator=dict(type='VOSGANGenerator', base_channels=2),
            discriminator=dict(type='VOSGANDiscriminator', base_channels=2)))
    gan.init_weights()
    path = tmp_path_factory.mktemp('gan') / 'gan.pth'
    torch.save(dict(state_dict=gan.state_dict()), path)
    return str(path)


def tiny_options(ucf101, gan_checkpoint):
    opts = [
        'model.backbone.base_channels=2', 'model.cls_head.in_channels=32',
        'model.cls_head.num_classes=3',
        f'model.backbone.init_cfg.checkpoint={gan_checkpoint}',
        'train_cfg.max_epochs=2', 'default_hooks.logger.interval=1'
    ]
    for loader, ann in (('train', 'train'), ('val', 'val'), ('test', 'test')):
        opts += [
            f'{loader}_dataloader.batch_size=2',
            f'{loader}_dataloader.num_workers=0',
            f'{loader}_dataloader.persistent_workers=False',
            f'{loader}_dataloader.dataset.ann_file='
            f'{ucf101}/ucf101_{ann}_split_1_videos.txt',
            f'{loader}_dataloader.dataset.data_prefix.video={ucf101}/UCF-101'
        ]
    return opts


def read_lines(ucf101, subset):
    text = (ucf101 / f'ucf101_{subset}_split_1_videos.txt').read_text()
    return [line for line in text.split('\n') if line]


def test_annotation_tool_writes_mmaction_lines_with_zero_based_labels(ucf101):
    test = read_lines(ucf101, 'test')
    assert 'Diving/v_Diving_g04_c01.avi 2' in test
    assert len(test) == 3
    train, val = read_lines(ucf101, 'train'), read_lines(ucf101, 'val')
    assert len(train) == 6 and len(val) == 3
    assert {line.split()[1] for line in val} == {'0', '1', '2'}


def test_validation_holds_out_whole_groups_of_the_train_list(ucf101):
    train, val = read_lines(ucf101, 'train'), read_lines(ucf101, 'val')
    groups = {s: {group_of(line) for line in lines}
              for s, lines in (('train', train), ('val', val))}
    assert len(groups['val']) == 1 and groups['val'] < {1, 2, 3}
    assert groups['train'] == {1, 2, 3} - groups['val']
    # fixed by the seed; another seed may hold out another group
    again = hold_out_groups(train + val, 1, seed=0)
    assert sorted(again[1]) == sorted(val)
    held = {tuple(hold_out_groups(train + val, 1, seed=s)[2])
            for s in range(10)}
    assert len(held) > 1
    with pytest.raises(VideoDataError, match='no group id'):
        group_of('Biking/biking_clip.avi 1')


def test_missing_and_unreadable_videos_are_reported_not_labelled(tmp_path):
    root = make_ucf101(tmp_path)
    (root / 'UCF-101' / 'Biking' / 'v_Biking_g01_c01.avi').unlink()
    (root / 'UCF-101' / 'Diving' /
     'v_Diving_g02_c01.avi').write_bytes(b'garbage')
    classes = read_class_index(str(root / 'ucfTrainTestlist' / 'classInd.txt'))
    lines, problems = build_split(
        str(root / 'ucfTrainTestlist' / 'trainlist01.txt'), classes,
        str(root / 'UCF-101'))
    assert len(lines) == 7
    assert any(
        p.startswith('missing:') and 'v_Biking_g01' in p for p in problems)
    assert any(
        p.startswith('unreadable:') and 'v_Diving_g02' in p for p in problems)


def test_class_missing_from_class_index_is_an_error(tmp_path):
    root = make_ucf101(tmp_path)
    (root / 'ucfTrainTestlist' /
     'classInd.txt').write_text('1 ApplyEyeMakeup\n2 Biking\n')
    classes = read_class_index(str(root / 'ucfTrainTestlist' / 'classInd.txt'))
    with pytest.raises(
            VideoDataError, match='class "Diving" .* not in classInd.txt'):
        build_split(
            str(root / 'ucfTrainTestlist' / 'testlist01.txt'), classes,
            str(root / 'UCF-101'))


def test_backbone_loads_exactly_the_discriminators_weights(gan_checkpoint):
    init_default_scope('vosgan_mm')
    backbone = MODELS.build(
        dict(
            type='VOSGANBackbone',
            base_channels=2,
            init_cfg=dict(
                type='StrictPretrained',
                checkpoint=gan_checkpoint,
                prefix='discriminator.')))
    backbone.init_weights()
    state = torch.load(gan_checkpoint)['state_dict']
    for key, value in backbone.state_dict().items():
        assert torch.equal(value, state[f'discriminator.{key}']), key
    wrong = MODELS.build(
        dict(
            type='Conv3dDiscriminatorBackbone',
            base_channels=2,
            init_cfg=dict(
                type='StrictPretrained',
                checkpoint=gan_checkpoint,
                prefix='discriminator.')))
    with pytest.raises(CheckpointError, match='keys of another shape'):
        wrong.init_weights()  # a VOS-GAN checkpoint is not a VGAN one
    prefix = MODELS.build(
        dict(
            type='VOSGANBackbone',
            base_channels=2,
            init_cfg=dict(
                type='StrictPretrained',
                checkpoint=gan_checkpoint,
                prefix='discriminator.encoder.')))
    with pytest.raises(CheckpointError, match='discriminator.encoder.'):
        prefix.init_weights()


@pytest.fixture(scope='module')
def trained(ucf101, gan_checkpoint, tmp_path_factory):
    work = tmp_path_factory.mktemp('recognition')
    dirs = {}
    for setting in ('transfer', 'finetune'):
        dirs[setting] = work / setting
        config = f'configs/recognition/vosgan_{setting}_ucf101.py'
        opts = tiny_options(ucf101, gan_checkpoint)
        result = run_tool('tools/train.py', config, '--work-dir',
                          str(dirs[setting]), '--cfg-options', *opts)
        assert result.returncode == 0, result.stderr[-3000:]
        result = run_tool('tools/test.py', config,
                          str(dirs[setting] / 'epoch_2.pth'), '--work-dir',
                          str(dirs[setting]), '--cfg-options', *opts)
        assert result.returncode == 0, result.stderr[-3000:]
    return dirs


def test_transfer_keeps_backbone_and_its_bn_statistics_fixed(
        trained, gan_checkpoint):
    gan = torch.load(gan_checkpoint)['state_dict']
    first = torch.load(trained['transfer'] / 'epoch_1.pth')['state_dict']
    last = torch.load(trained['transfer'] / 'epoch_2.pth')['state_dict']
    backbone = {k: v for k, v in last.items() if k.startswith('backbone.')}
    assert any('running_mean' in k for k in backbone)
    for key, value in backbone.items():
        assert torch.equal(value,
                           gan['discriminator.' + key[len('backbone.'):]]), key
    assert not torch.equal(first['cls_head.fc_cls.weight'],
                           last['cls_head.fc_cls.weight'])


def test_finetune_changes_the_backbone(trained, gan_checkpoint):
    gan = torch.load(gan_checkpoint)['state_dict']
    last = torch.load(trained['finetune'] / 'epoch_2.pth')['state_dict']
    assert not torch.equal(last['backbone.encoder.layers.0.conv.weight'],
                           gan['discriminator.encoder.layers.0.conv.weight'])


def test_table5_tool_reads_the_tested_work_dirs(trained, tmp_path):
    out = tmp_path / 'table5.json'
    result = run_tool('tools/analysis_tools/recognition_table.py',
                      f'VOS-GAN/transfer={trained["transfer"]}',
                      f'VOS-GAN/fine-tune={trained["finetune"]}', '--json',
                      str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    assert '| model | transfer | fine-tune |' in result.stdout
    table = json.loads(out.read_text())
    assert 0 <= table['VOS-GAN']['transfer'] <= 100


def test_mmaction_stock_train_tool_runs_our_config(ucf101, gan_checkpoint,
                                                   tmp_path):
    stock = osp.join(
        osp.dirname(mmaction.__file__), '.mim', 'tools', 'train.py')
    result = run_tool(stock, 'configs/recognition/vosgan_transfer_ucf101.py',
                      '--work-dir', str(tmp_path), '--cfg-options',
                      *tiny_options(ucf101, gan_checkpoint))
    assert result.returncode == 0, result.stderr[-3000:]
    assert osp.isfile(tmp_path / 'epoch_2.pth')


def test_config_with_mmactions_c3d_ucf101_recipe_trains(
        ucf101, gan_checkpoint, tmp_path):
    opts = tiny_options(ucf101, gan_checkpoint)
    opts = [o for o in opts if 'max_epochs' not in o
            ] + ['train_cfg.max_epochs=1']
    result = run_tool(
        'tools/train.py',
        'configs/recognition/vosgan_transfer_ucf101_mmaction_c3d.py',
        '--work-dir', str(tmp_path), '--cfg-options', *opts)
    assert result.returncode == 0, result.stderr[-3000:]
    assert osp.isfile(tmp_path / 'epoch_1.pth')
