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

import pytest
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
        sys.executable, 'tools/train.py',
        'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
        str(work_dir), *extra, '--cfg-options', *TINY
    ]


def env():
    return dict(os.environ, PYTHONPATH=REPO_ROOT)


def logged_runs(work_dir):
    """The loss terms each run logged, in the order the runs started (their
    timestamped folders), as [{iteration: {term: value}}]."""
    runs = []
    for folder in sorted(glob.glob(osp.join(work_dir, '2*'))):
        losses = {}
        with open(osp.join(folder, 'vis_data', 'scalars.json')) as f:
            for line in f:
                record = json.loads(line)
                terms = {k: v for k, v in record.items() if 'loss' in k}
                if terms:
                    losses[record['iter']] = terms
        runs.append(losses)
    return runs


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
    [expected] = logged_runs(tmp_path / 'unstopped')
    assert sorted(expected) == [1, 2, 3, 4, 5, 6]
    terms = set(expected[1])
    assert {'loss_d_real', 'loss_d_seg', 'loss_d_flow_real', 'loss_g'} <= \
        terms

    killed = tmp_path / 'killed'
    proc = subprocess.Popen(
        train_command(killed),
        cwd=REPO_ROOT,
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    last = killed / 'last_checkpoint'  # written once a checkpoint is whole
    while not last.is_file() and time.time() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    saved = int(last.read_text().rsplit('iter_', 1)[1].split('.')[0])
    assert saved in (2, 4)
    run(train_command(killed, '--resume'))
    first, resumed = logged_runs(killed)
    assert min(first) == 1
    # the resumed run starts after the checkpoint (a run that ignored it
    # would log the same losses from iteration 1)
    assert sorted(resumed) == list(range(saved + 1, 7))
    for it in resumed:
        assert set(resumed[it]) == terms
        for term in terms:
            assert resumed[it][term] == pytest.approx(
                expected[it][term], abs=1e-6), (it, term)


# Kills the training process at one stage of the write of iter_4.pth (or
# of last_checkpoint just after it), by wrapping the calls that
# write_atomically makes.
KILL_IN_CHECKPOINT_WRITE = textwrap.dedent('''
    import os, signal, sys, tempfile
    import tools.train as train
    stage = os.environ['KILL_STAGE']
    target = 'last_checkpoint' if stage == 'replacing_last_checkpoint' \\
        else 'iter_4.pth'
    def kill():
        os.kill(os.getpid(), signal.SIGKILL)
    def name_of(fd):
        return os.readlink(f'/proc/self/fd/{fd}')
    def is_target(path):
        return f'.{target}.' in os.path.basename(str(path))
    real_mkstemp, real_fsync, real_replace = (tempfile.mkstemp, os.fsync,
                                              os.replace)
    saved_iter_4 = []
    def mkstemp(*args, **kwargs):
        fd, path = real_mkstemp(*args, **kwargs)
        if stage == 'temporary_created' and is_target(path):
            kill()
        return fd, path
    def fsync(fd):
        if stage == 'written' and is_target(name_of(fd)):
            kill()
        real_fsync(fd)
    def replace(src, dst):
        if stage in ('synced', 'replacing_last_checkpoint') and \\
                is_target(src) and (stage == 'synced' or saved_iter_4):
            kill()
        real_replace(src, dst)
        if str(dst).endswith('iter_4.pth'):
            saved_iter_4.append(dst)
    tempfile.mkstemp, os.fsync, os.replace = mkstemp, fsync, replace
    sys.argv = ['train.py'] + sys.argv[1:]
    train.main()
''')


@pytest.mark.parametrize(
    'stage',
    ['temporary_created', 'written', 'synced', 'replacing_last_checkpoint'])
def test_kill_during_a_checkpoint_write_keeps_the_last_good_one(
        tmp_path, stage):
    script = tmp_path / 'kill_in_save.py'
    script.write_text(KILL_IN_CHECKPOINT_WRITE)
    work = tmp_path / 'work'
    cmd = train_command(work)
    result = subprocess.run(
        [sys.executable, str(script)] + cmd[2:],
        cwd=REPO_ROOT,
        env=dict(env(), KILL_STAGE=stage),
        capture_output=True,
        text=True,
        timeout=300)
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    left = [n for n in os.listdir(work) if n.endswith('.tmp')]
    assert len(left) == 1  # the interrupted write's temporary file
    if stage == 'replacing_last_checkpoint':
        assert torch.load(work / 'iter_4.pth')['meta']['iter'] == 4
    else:
        assert not osp.exists(work / 'iter_4.pth')  # never half-written
    with open(work / 'last_checkpoint') as f:
        last = f.read()
    assert last.endswith('iter_2.pth')
    assert torch.load(work / last)['meta']['iter'] == 2  # loads: complete

    resumed = subprocess.run(
        train_command(work, '--resume'),
        cwd=REPO_ROOT,
        env=env(),
        capture_output=True,
        text=True,
        timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert ('removed 1 temporary file(s) of an interrupted checkpoint '
            f'write from {work}: {left[0]}') in resumed.stdout + \
        resumed.stderr
    assert [n for n in os.listdir(work) if n.endswith('.tmp')] == []
    assert torch.load(work / 'iter_6.pth')['meta']['iter'] == 6
