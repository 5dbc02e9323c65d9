"""tools/train.py's MMAction2 flags on the config it trains, and its help."""
import re
import sys

import pytest

from tests.conftest import load_tool
from vosgan_mm.utils import read_config

RECOGNITION = 'configs/recognition/vosgan_transfer_ucf101.py'
DEMO = 'configs/vosgan/vosgan_900i_sprites.py'


@pytest.fixture
def train_tool(monkeypatch):
    # parse_args sets LOCAL_RANK where it is unset: undone after the test
    monkeypatch.setenv('LOCAL_RANK', '0')
    tool = load_tool('tools/train.py')

    def config_of(*argv):
        """The config as tools/train.py would train it."""
        monkeypatch.setattr(sys, 'argv', ['train.py', *argv])
        args = tool.parse_args()
        cfg = read_config(args.config, args.cfg_options)
        tool.merge_args(cfg, args)
        return cfg

    return tool, config_of


def test_no_validate_drops_the_validation_loop_and_keeps_the_test_one(
        train_tool):
    _, config_of = train_tool
    validated = config_of(RECOGNITION)
    assert validated.val_cfg and validated.val_dataloader
    assert validated.val_evaluator
    cfg = config_of(RECOGNITION, '--no-validate')
    # MMEngine's Runner wants the three all set or all None
    assert cfg.val_cfg is None
    assert cfg.val_dataloader is None
    assert cfg.val_evaluator is None
    assert cfg.test_dataloader == validated.test_dataloader
    assert cfg.test_evaluator == validated.test_evaluator


def test_no_validate_adds_nothing_to_a_config_without_validation(train_tool):
    _, config_of = train_tool
    cfg = config_of(DEMO, '--no-validate')
    for key in ('val_cfg', 'val_dataloader', 'val_evaluator'):
        assert key not in cfg


def test_diff_rank_seed_keeps_the_seed_and_seeds_ranks_apart(train_tool):
    _, config_of = train_tool
    assert 'diff_rank_seed' not in (config_of(DEMO).get('randomness') or {})
    cfg = config_of(RECOGNITION, '--diff-rank-seed')
    assert cfg.randomness == dict(
        seed=0, deterministic=False, diff_rank_seed=True)
    cfg = config_of(RECOGNITION, '--diff-rank-seed', '--seed', '7',
                    '--cfg-options', 'randomness=None')
    assert cfg.randomness == dict(seed=7, diff_rank_seed=True)
    # MMEngine's Runner needs a seed entry (None: drawn and shared)
    cfg = config_of(DEMO, '--diff-rank-seed', '--cfg-options',
                    'randomness=None')
    assert cfg.randomness == dict(seed=None, diff_rank_seed=True)


def test_every_option_of_the_help_names_its_default(train_tool, monkeypatch,
                                                    capsys):
    tool, _ = train_tool
    monkeypatch.setattr(sys, 'argv', ['train.py', '--help'])
    with pytest.raises(SystemExit):
        tool.parse_args()
    text = capsys.readouterr().out
    options = text.split('\noptions:\n')[1]
    # one entry per option: its first line starts with "  -"
    entries = [
        ' '.join(entry.split())
        for entry in re.split(r'\n(?=  -)', options.strip('\n'))
    ]
    assert len(entries) > 10
    for entry in entries:
        if not entry.startswith('-h, --help'):
            assert re.search(r'\(default: [^)]+\)$', entry), entry
    named = {entry.split()[0]: entry for entry in entries}
    assert named['--launcher'].endswith('(default: none)')
    assert named['--local_rank'].endswith('(default: 0)')
    assert named['--no-validate'].endswith('(default: False)')
    assert named['--diff-rank-seed'].endswith('(default: False)')
