"""Killed runs resume exactly, and a kill during a checkpoint write never
leaves a broken checkpoint behind (SIGKILL, in subprocesses)."""
import glob
import json
import os
import os.path as osp
import signal
import subprocess
import sys
import textwrap
import time

import torch

from tests.conftest import REPO_ROOT

TINY = [
    'model.generator.base_channels=2', 'model.discriminator.base_channels=2',
    'train_dataloader.batch_size=2', 'train_dataloader.num_workers=0',
    'train_dataloader.persistent_workers=False',
    'train_dataloader.dataset.num_clips=8', 'train_cfg.max_iters=6',
    'default_hooks.logger.interval=1', 'default_hooks.checkpoint.interval=2',
    'custom_hooks=[]'
]


def train_command(work_dir, *extra):
    return [
        sys.executable, 'tools/train.py', 'configs/vosgan_demo.py',
        '--work-dir',
        str(work_dir), *extra, '--cfg-options', *TINY
    ]


def env():
    return dict(os.environ, PYTHONPATH=REPO_ROOT)


def logged_losses(work_dir):
    """iteration -> loss_g from every run's scalars.json in the work dir."""
    losses = {}
    for path in glob.glob(osp.join(work_dir, '*', 'vis_data', 'scalars.json')):
        with open(path) as f:
            for line in f:
                record = json.loads(line)
                if 'loss_g' in record:
                    losses[record['iter']] = record['loss_g']
    return losses


def run(cmd):
    result = subprocess.run(
        cmd,
        cwd=REPO_ROOT,
        env=env(),
        capture_output=True,
        text=True,
        timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]


def test_run_killed_during_training_resumes_with_unstopped_losses(tmp_path):
    run(train_command(tmp_path / 'unstopped'))
    expected = logged_losses(tmp_path / 'unstopped')
    assert sorted(expected) == [1, 2, 3, 4, 5, 6]

    killed = tmp_path / 'killed'
    proc = subprocess.Popen(
        train_command(killed),
        cwd=REPO_ROOT,
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not osp.isfile(killed / 'iter_2.pth') and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    run(train_command(killed, '--resume'))
    resumed = logged_losses(killed)
    assert sorted(resumed) == [1, 2, 3, 4, 5, 6]
    for it in range(1, 7):
        assert abs(resumed[it] - expected[it]) < 1e-6, it


KILL_ON_SECOND_CHECKPOINT = textwrap.dedent('''
    import os, signal, sys
    import tools.train as train
    calls = []
    real_fsync = os.fsync
    def fsync(fd):
        calls.append(fd)
        if len(calls) == 3:  # ckpt 1, last_checkpoint 1, then ckpt 2
            os.kill(os.getpid(), signal.SIGKILL)
        real_fsync(fd)
    os.fsync = fsync
    sys.argv = ['train.py'] + sys.argv[1:]
    train.main()
''')


def test_kill_during_a_checkpoint_write_keeps_the_last_good_one(tmp_path):
    script = tmp_path / 'kill_in_save.py'
    script.write_text(KILL_ON_SECOND_CHECKPOINT)
    work = tmp_path / 'work'
    cmd = train_command(work)
    result = subprocess.run(
        [sys.executable, str(script)] + cmd[2:],
        cwd=REPO_ROOT,
        env=env(),
        capture_output=True,
        text=True,
        timeout=300)
    assert result.returncode == -signal.SIGKILL
    assert not osp.exists(work / 'iter_4.pth')  # never half-written
    with open(work / 'last_checkpoint') as f:
        last = f.read()
    assert last.endswith('iter_2.pth')
    assert torch.load(last)['meta']['iter'] == 2  # loads: complete
    run(train_command(work, '--resume'))
    assert osp.isfile(work / 'iter_6.pth')
