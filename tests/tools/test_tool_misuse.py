"""The tools given wrong arguments or values: one line naming the problem
and a non-zero exit status, never a traceback; and each option's help
names its default."""
import os.path as osp
import sys

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from tests.conftest import REPO_ROOT, load_tool
from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.datasets import ClipStoreWriter
from vosgan_mm.evaluation import InceptionScore
from vosgan_mm.registry import MODELS
from vosgan_mm.utils.tool_errors import run_tool as run_main

DEMO = osp.join(REPO_ROOT, 'configs', 'vosgan', 'vosgan_900i_sprites.py')


def run_in_process(path: str, args: list, monkeypatch, capsys):
    """Runs a tool's ``main`` as its command line would: its exit status
    and what it wrote to standard error."""
    tool = load_tool(path)
    monkeypatch.setattr(sys, 'argv', [path, *args])
    monkeypatch.delenv('VOSGAN_DEBUG', raising=False)
    monkeypatch.setenv('LOCAL_RANK', '0')
    with pytest.raises(SystemExit) as stopped:
        run_main(tool.main)
    return stopped.value.code, capsys.readouterr().err


@pytest.mark.parametrize('option',
                         ['--num-videos', '--num-variations', '--fps'])
def test_generate_tool_refuses_a_count_or_rate_under_one(
        option, monkeypatch, capsys):
    status, err = run_in_process('tools/generate.py',
                                 [DEMO, 'gan.pth', option, '0'], monkeypatch,
                                 capsys)
    assert status == 2
    assert err.splitlines()[-1] == (
        f'generate.py: error: argument {option}: must be a positive '
        'integer, got 0')
    assert 'Traceback' not in err


@pytest.mark.parametrize('option, problem', [
    ('optim_wrapper.generator.optimizer.lr=-1', 'must be a positive number, '
     'got -1'),
    ('model.flow_target.max_displacement=-2', 'must be a positive number, '
     'got -2'),
    ('train_dataloader.dataset.num_clips=0', 'must be a positive integer, '
     'got 0'),
    ('train_dataloader.num_workers=-1', 'must be 0 or a positive integer, '
     'got -1'),
])
def test_train_tool_names_an_unusable_value_of_its_cfg_options(
        option, problem, monkeypatch, capsys, tmp_path):
    status, err = run_in_process(
        'tools/train.py',
        [DEMO, '--work-dir',
         str(tmp_path), '--cfg-options', option], monkeypatch, capsys)
    assert status == 1
    key = option.split('=')[0]
    assert err == f'train.py: error: {DEMO}: {key}: {problem}\n'
    assert not list(tmp_path.iterdir())  # refused before anything is built


@pytest.mark.parametrize('broken', ['itself', 'its base'])
def test_a_config_that_is_not_python_is_named_with_file_and_line(
        broken, tmp_path, monkeypatch, capsys):
    bad = tmp_path / 'bad.py'
    bad.write_text('# a config\nmodel = dict(type="VOSGAN")\n'
                   'clips = [1, 2\nbatch = 3\n')
    config = bad
    if broken == 'its base':
        config = tmp_path / 'child.py'
        config.write_text("_base_ = 'bad.py'\nbatch = 4\n")
    status, err = run_in_process('tools/test.py', [str(config)], monkeypatch,
                                 capsys)
    assert status == 1
    assert err.startswith(f'test.py: error: {bad}:3: ')
    assert len(err.splitlines()) == 1

    def main():  # a syntax error of code, not of a config: a bug
        compile('x = (', 'module.py', 'exec')

    with pytest.raises(SyntaxError):
        run_main(main)


def test_inception_score_says_before_the_test_that_its_splits_need_videos():
    metric = InceptionScore(
        classifier=dict(type='SmallImageClassifier', num_classes=10, seed=0))
    assert metric.too_few_videos(9) == ('IS over 10 splits needs at least 10 '
                                        'videos, got 9')
    assert metric.too_few_videos(10) is None


def test_test_tool_checks_the_inception_scores_splits_up_front(tmp_path):
    init_default_scope('vosgan_mm')
    model = MODELS.build(Config.fromfile(DEMO).model)
    checkpoint = tmp_path / 'gan.pth'
    torch.save(dict(state_dict=model.state_dict()), checkpoint)
    result = run_tool('tools/test.py', 'configs/vosgan/vosgan_900i_sprites.py',
                      str(checkpoint), '--work-dir', str(tmp_path / 'work'),
                      '--cfg-options', 'test_dataloader.dataset.num_clips=4',
                      'test_dataloader.batch_size=2',
                      'test_dataloader.num_workers=0')
    assert result.returncode == 1
    assert 'Traceback' not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        'test.py: error: configs/vosgan/vosgan_900i_sprites.py: '
        'test_evaluator InceptionScore: IS over 10 splits needs at least 10 '
        'videos, got 4 in the test set')


def test_clip_store_tool_names_the_store_it_would_write_over(
        tmp_path, monkeypatch, capsys):
    store = tmp_path / 'store'
    writer = ClipStoreWriter(str(store))
    writer.add('clip-0', np.zeros((4, 8, 8, 3), np.uint8))
    writer.close()
    status, err = run_in_process('tools/data/convert_to_clip_store.py',
                                 [DEMO, str(store)], monkeypatch, capsys)
    assert status == 1
    assert err == (f'convert_to_clip_store.py: error: {store}/index.json '
                   'exists: a clip store is already there; pass --overwrite '
                   'to replace it, or choose another folder\n')


@pytest.mark.parametrize('option, value, kind', [
    ('--workers', '-1', '0 or a positive integer'),
    ('--shard-clips', '0', 'a positive integer'),
    ('--max-clips', '0', 'a positive integer'),
    ('--check', '-1', '0 or a positive integer'),
])
def test_clip_store_tool_refuses_counts_out_of_range(option, value, kind,
                                                     monkeypatch, capsys):
    status, err = run_in_process('tools/data/convert_to_clip_store.py',
                                 [DEMO, 'store', option, value], monkeypatch,
                                 capsys)
    assert status == 2
    assert err.splitlines()[-1] == (f'convert_to_clip_store.py: error: '
                                    f'argument {option}: must be {kind}, '
                                    f'got {value}')


@pytest.mark.parametrize('path', [
    'tools/test.py', 'tools/generate.py',
    'tools/data/convert_to_clip_store.py',
    'tools/model_converters/average_checkpoints.py',
    'tools/model_converters/raw_weights_of_ema_checkpoint.py'
])
def test_every_option_says_its_default(path):
    parser = load_tool(path).build_parser()
    for action in parser._actions:
        if action.dest == 'help':
            continue
        assert action.help, f'{path}: {action.dest} has no help'
        if action.option_strings:
            assert 'default' in action.help, \
                f'{path}: {action.option_strings[0]}: {action.help}'
