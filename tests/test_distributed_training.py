"""Two-process CPU (gloo) training through MMEngine's distributed wrappers,
with the demo's monitor hooks: after the steps, both ranks hold the same
generator and discriminator."""
import os
import os.path as osp
import subprocess
import sys
import textwrap

import torch
from mmengine.config import Config

from tests.conftest import REPO_ROOT

RANK_SCRIPT = textwrap.dedent('''
    import sys
    import torch
    from mmengine.config import Config
    from mmengine.runner import Runner
    from vosgan_mm.engine import init_cpu_distributed
    work_dir, out = sys.argv[1], sys.argv[2]
    cfg = Config.fromfile('configs/vosgan_demo.py')
    cfg.merge_from_dict({
        'work_dir': work_dir, 'launcher': 'pytorch',
        'model.generator.base_channels': 2,
        'model.discriminator.base_channels': 2,
        'train_dataloader.batch_size': 2,
        'train_dataloader.num_workers': 0,
        'train_dataloader.persistent_workers': False,
        'train_dataloader.dataset.num_clips': 8,
        'train_cfg.max_iters': 2,
        'default_hooks.checkpoint.interval': 2,
    })
    init_cpu_distributed(cfg)
    runner = Runner.from_cfg(cfg)
    runner.train()
    model = runner.model.module
    torch.save(model.state_dict(), f'{out}/rank{runner.rank}.pth')
''')


def test_two_cpu_ranks_stay_in_sync(tmp_path):
    script = tmp_path / 'train_rank.py'
    script.write_text(RANK_SCRIPT)
    env = dict(os.environ, PYTHONPATH=REPO_ROOT, OMP_NUM_THREADS='1')
    result = subprocess.run([
        sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node=2',
        '--master_port=29571',
        str(script),
        str(tmp_path / 'work'),
        str(tmp_path)
    ],
                            cwd=REPO_ROOT,
                            env=env,
                            capture_output=True,
                            text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    # the demo's monitors ran on the main process without desynchronising
    for name in ('gradient_norms.json', 'generator_statistics.json',
                 'segmentation_curve.json'):
        assert (tmp_path / 'work' / name).is_file(), name
    rank0 = torch.load(tmp_path / 'rank0.pth')
    rank1 = torch.load(tmp_path / 'rank1.pth')
    assert int(rank0['train_iters']) == int(rank1['train_iters']) == 2
    # the keys are those of a model that was never wrapped
    assert not any('.module.' in key for key in rank0)
    for key, value in rank0.items():
        if key.startswith(('generator.', 'discriminator.')) and \
                value.is_floating_point() and 'running_' not in key:
            assert torch.allclose(value, rank1[key], atol=1e-6), key


def test_a_distributed_checkpoint_loads_into_one_process(tmp_path):
    test_two_cpu_ranks_stay_in_sync(tmp_path)
    from vosgan_mm.apis import load_gan
    cfg = Config.fromfile(osp.join(REPO_ROOT, 'configs', 'vosgan_demo.py'))
    cfg.merge_from_dict({
        'model.generator.base_channels': 2,
        'model.discriminator.base_channels': 2
    })
    model = load_gan(cfg, str(tmp_path / 'work' / 'iter_2.pth'))  # strict
    saved = torch.load(tmp_path / 'rank0.pth')
    for key, value in model.state_dict().items():
        assert torch.equal(value, saved[key]), key
