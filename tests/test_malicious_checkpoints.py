"""A checkpoint whose pickle would run code is refused on every path that
loads weights, even with ``TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD=1`` (which makes
``torch.load`` unsafe wherever ``weights_only`` is not passed): the tools
end with one line naming the file, and the code never runs."""
import os
import subprocess
import sys

import pytest
import torch

from tests.conftest import REPO_ROOT
from vosgan_mm.utils import CheckpointError

UNSAFE = dict(TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD='1')
TINY = [
    'model.generator.base_channels=2', 'model.discriminator.base_channels=2',
    'train_dataloader.batch_size=2', 'train_dataloader.num_workers=0',
    'train_dataloader.persistent_workers=False',
    'train_dataloader.dataset.num_clips=4', 'train_cfg.max_iters=2',
    'custom_hooks=[]'
]
SEGMENTATION = 'configs/segmentation/vosgan_seg_adversarial_sprites.py'


class WritesMarker:
    """Unpickling it runs ``touch <path>``."""

    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return (os.system, (f'touch {self.path}', ))


@pytest.fixture
def evil(tmp_path):
    """An evil checkpoint and the file its code would create."""
    marker = tmp_path / 'code_ran'
    path = tmp_path / 'evil.pth'
    torch.save(
        dict(
            state_dict={'w': torch.zeros(1)},
            meta=dict(iter=1),
            payload=WritesMarker(marker)), path)
    return str(path), marker


def tool_commands(checkpoint, tmp_path):
    work = str(tmp_path / 'work')
    video = tmp_path / 'clip.avi'
    return {
        'generate': [
            'tools/generate.py', 'configs/vosgan/vosgan_900i_sprites.py',
            checkpoint, '--out-dir', work
        ],
        'test': [
            'tools/test.py', 'configs/vosgan/vosgan_900i_sprites.py',
            checkpoint, '--work-dir', work
        ],
        'resume': [
            'tools/train.py', 'configs/vosgan/vosgan_900i_sprites.py',
            '--work-dir', work, '--resume', checkpoint, '--cfg-options', *TINY
        ],
        'load_from': [
            'tools/train.py', 'configs/vosgan/vosgan_900i_sprites.py',
            '--work-dir', work, '--cfg-options', f'load_from={checkpoint}',
            *TINY
        ],
        'segment': [
            'tools/segment_video.py',
            str(video), SEGMENTATION, checkpoint, '--prefix', 'discriminator.',
            '--out-dir', work
        ],
        'pretrained': [
            'tools/test.py', SEGMENTATION, '--work-dir', work, '--cfg-options',
            f'model.init_cfg.checkpoint={checkpoint}',
            'test_dataloader.dataset.num_clips=2',
            'test_dataloader.num_workers=0'
        ],
    }


@pytest.mark.parametrize(
    'path', ['generate', 'test', 'resume', 'load_from', 'segment',
             'pretrained'])
def test_tools_refuse_a_checkpoint_that_would_run_code(evil, path, tmp_path):
    checkpoint, marker = evil
    from tests.apis.test_segmentation_api import write_video
    write_video(tmp_path / 'clip.avi', 20)
    result = subprocess.run([sys.executable] +
                            tool_commands(checkpoint, tmp_path)[path],
                            cwd=REPO_ROOT,
                            env=dict(os.environ, PYTHONPATH=REPO_ROOT,
                                     **UNSAFE),
                            capture_output=True,
                            text=True,
                            timeout=300)
    assert result.returncode == 1, result.stderr[-3000:]
    assert not marker.exists()
    assert f'{checkpoint} is not a PyTorch checkpoint' in result.stderr
    assert 'Traceback' not in result.stderr


@pytest.mark.parametrize('classifier', [
    'SmallImageClassifier',
    'InceptionV3',
])
def test_the_metric_classifiers_refuse_it_too(evil, classifier, monkeypatch):
    from vosgan_mm.registry import MODELS
    checkpoint, marker = evil
    monkeypatch.setenv('TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD', '1')
    with pytest.raises(
            CheckpointError,
            match=f'{checkpoint} is not a PyTorch checkpoint.*'
            'weights-only unpickler refused it'):
        MODELS.build(dict(type=classifier, checkpoint=checkpoint))
    assert not marker.exists()


def test_the_classifiers_load_their_own_weights(tmp_path):
    from vosgan_mm.registry import MODELS
    trained = MODELS.build(dict(type='SmallImageClassifier', seed=3))
    torch.save(trained.state_dict(), tmp_path / 'small.pth')
    loaded = MODELS.build(
        dict(
            type='SmallImageClassifier',
            seed=0,
            checkpoint=str(tmp_path / 'small.pth')))
    for key, value in trained.state_dict().items():
        assert torch.equal(loaded.state_dict()[key], value)
    torch.save({'fc.weight': torch.zeros(1)}, tmp_path / 'other.pth')
    with pytest.raises(CheckpointError, match='does not fit InceptionV3'):
        MODELS.build(
            dict(type='InceptionV3', checkpoint=str(tmp_path / 'other.pth')))
