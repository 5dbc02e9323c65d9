import importlib.util
import os
import os.path as osp
import uuid

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

import vosgan_mm  # noqa: F401

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))

# Under pytest-xdist (`-n auto`: a worker a core) each worker computes on
# one thread, and so do the tools it runs in subprocesses (they inherit the
# variable): workers each starting a thread a core would oversubscribe the
# cores, and OpenMP's waiting threads slow a shared core far beyond its
# share.
if os.environ.get('PYTEST_XDIST_WORKER'):
    os.environ['OMP_NUM_THREADS'] = '1'
    torch.set_num_threads(1)


def load_tool(path: str):
    """A script under ``tools/`` (``path`` relative to the repository) as
    a module, to test the functions it defines without running it."""
    name = 'tool_' + osp.splitext(path)[0].replace('/', '_')
    spec = importlib.util.spec_from_file_location(name,
                                                  osp.join(REPO_ROOT, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def vosgan_scope():
    init_default_scope('vosgan_mm')
    torch.manual_seed(0)


def tiny_demo_config(work_dir,
                     config: str = 'vosgan/vosgan_900i_sprites.py',
                     **overrides) -> Config:
    """configs/vosgan/vosgan_900i_sprites.py (or another config of VOS-GAN
    on the sprite videos, named relative to configs/) at tiny width, batch
    and data size, without worker processes."""
    cfg = Config.fromfile(osp.join(REPO_ROOT, 'configs', config))
    cfg.merge_from_dict({
        'work_dir':
        str(work_dir),
        # MMEngine keeps one message hub per experiment name
        'experiment_name':
        f'test-{uuid.uuid4().hex}',
        'model.generator.base_channels':
        2,
        'model.discriminator.base_channels':
        2,
        'train_dataloader.batch_size':
        2,
        'train_dataloader.num_workers':
        0,
        'train_dataloader.persistent_workers':
        False,
        'train_dataloader.dataset.num_clips':
        8,
        'train_cfg.max_iters':
        2,
        'default_hooks.logger.interval':
        1,
        'default_hooks.checkpoint.interval':
        1,
        'custom_hooks':
        [dict(type='VideoSampleHook', interval=2, num_samples=2)],
        **overrides
    })
    return cfg
