"""tools/dist_{train,test}.sh and tools/slurm_{train,test}.sh, MMAction2's
launch scripts: what they start, with a recording stand-in for ``python``
or ``srun`` on PATH, and one real single-process torchrun run on the CPU."""
import json
import os
import os.path as osp
import socket
import subprocess
import sys

import pytest

from tests.conftest import REPO_ROOT

SCRIPTS = ('dist_train.sh', 'dist_test.sh', 'slurm_train.sh', 'slurm_test.sh')
# the launch settings the scripts read, unset so that their defaults show
LAUNCH_ENV = ('NNODES', 'NODE_RANK', 'MASTER_ADDR', 'PORT', 'GPUS',
              'GPUS_PER_NODE', 'CPUS_PER_TASK', 'SRUN_ARGS', 'MASTER_PORT')
# arguments for the tool that a shell would split or expand if the script
# lost their quoting
EXTRA = ['--cfg-options', 'train_cfg.max_iters=[1, 2]', '*', '--seed', '3']
ROOT = osp.realpath(REPO_ROOT)


def script(name):
    return osp.join(REPO_ROOT, 'tools', name)


def launch(tmp_path, command_name, *args, **env):
    """Runs ``bash tools/<script> args`` from ``tmp_path`` with
    ``command_name`` (python or srun) replaced by a stand-in that records
    its arguments; the result and the record (None if it was not run)."""
    bin_dir = tmp_path / 'bin'
    bin_dir.mkdir(exist_ok=True)
    fake = bin_dir / command_name
    fake.write_text(
        f'#!{sys.executable}\n'
        'import json, os, sys\n'
        'json.dump(dict(argv=sys.argv[1:], env=dict(os.environ)),\n'
        '          open(os.environ["LAUNCH_RECORD"], "w"))\n')
    fake.chmod(0o755)
    record = tmp_path / 'record.json'
    full_env = {
        key: value
        for key, value in os.environ.items() if key not in LAUNCH_ENV
    }
    full_env.update(
        PATH=f'{bin_dir}{os.pathsep}{os.environ["PATH"]}',
        LAUNCH_RECORD=str(record),
        **env)
    result = subprocess.run(['bash', *args],
                            cwd=tmp_path,
                            env=full_env,
                            capture_output=True,
                            text=True,
                            timeout=60)
    recorded = json.loads(record.read_text()) if record.exists() else None
    return result, recorded


def tool_path(argv, name):
    """The tool the command starts, by its real path."""
    tools = [arg for arg in argv if arg.endswith(f'tools/{name}')]
    assert len(tools) == 1, argv
    return osp.realpath(tools[0]), argv.index(tools[0])


@pytest.mark.parametrize('name', SCRIPTS)
def test_launch_scripts_are_executable_bash_without_syntax_errors(name):
    assert os.access(script(name), os.X_OK)
    with open(script(name)) as f:
        assert f.readline().strip() == '#!/usr/bin/env bash'
    result = subprocess.run(['bash', '-n', script(name)],
                            capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr


def test_dist_train_starts_one_train_process_per_gpu_with_torchrun(tmp_path):
    result, record = launch(tmp_path, 'python', script('dist_train.sh'),
                            'configs/vosgan/vosgan_900i_sprites.py', '4',
                            *EXTRA)
    assert result.returncode == 0, result.stderr
    argv = record['argv']
    train, at = tool_path(argv, 'train.py')
    assert train == osp.join(ROOT, 'tools', 'train.py')
    assert argv[:at] == [
        '-m', 'torch.distributed.run', '--nnodes=1', '--node_rank=0',
        '--master_addr=127.0.0.1', '--master_port=29500', '--nproc_per_node=4'
    ]
    assert argv[at + 1:] == [
        'configs/vosgan/vosgan_900i_sprites.py', '--launcher', 'pytorch',
        *EXTRA
    ]
    # the checkout's package comes first, whatever the working directory
    pythonpath = record['env']['PYTHONPATH'].split(os.pathsep)
    assert osp.realpath(pythonpath[0]) == ROOT


def test_dist_train_reads_the_machines_and_port_from_the_environment(tmp_path):
    result, record = launch(
        tmp_path,
        'python',
        script('dist_train.sh'),
        'cfg.py',
        '8',
        NNODES='2',
        NODE_RANK='1',
        MASTER_ADDR='10.0.0.7',
        PORT='29611',
        PYTHONPATH='/elsewhere')
    assert result.returncode == 0, result.stderr
    argv = record['argv']
    for arg in ('--nnodes=2', '--node_rank=1', '--master_addr=10.0.0.7',
                '--master_port=29611', '--nproc_per_node=8'):
        assert arg in argv
    assert argv[-3:] == ['cfg.py', '--launcher', 'pytorch']
    pythonpath = record['env']['PYTHONPATH'].split(os.pathsep)
    assert osp.realpath(pythonpath[0]) == ROOT
    assert pythonpath[1:] == ['/elsewhere']


def test_dist_test_passes_config_checkpoint_and_tool_options(tmp_path):
    result, record = launch(tmp_path, 'python', script('dist_test.sh'),
                            'cfg.py', 'ckpt dir/iter_2.pth', '2', '--dump',
                            'out.pkl')
    assert result.returncode == 0, result.stderr
    argv = record['argv']
    test, at = tool_path(argv, 'test.py')
    assert test == osp.join(ROOT, 'tools', 'test.py')
    assert '--nproc_per_node=2' in argv[:at]
    assert argv[at + 1:] == [
        'cfg.py', 'ckpt dir/iter_2.pth', '--launcher', 'pytorch', '--dump',
        'out.pkl'
    ]


@pytest.mark.parametrize('name, args, usage', [
    ('dist_train.sh', ['cfg.py'], 'CONFIG GPUS'),
    ('dist_test.sh', ['cfg.py', 'ckpt.pth'], 'CONFIG CHECKPOINT GPUS'),
    ('slurm_train.sh', ['part', 'job'], 'PARTITION JOB_NAME CONFIG'),
    ('slurm_test.sh', ['part', 'job', 'cfg.py'
                       ], 'PARTITION JOB_NAME CONFIG CHECKPOINT'),
])
def test_too_few_arguments_print_the_usage_and_start_nothing(
        tmp_path, name, args, usage):
    command = 'srun' if name.startswith('slurm') else 'python'
    result, record = launch(tmp_path, command, script(name), *args)
    assert result.returncode == 2
    assert f'usage: bash {script(name)} {usage} [tools/' in result.stderr
    assert record is None


def test_slurm_train_asks_srun_for_one_task_per_gpu(tmp_path):
    result, record = launch(
        tmp_path,
        'srun',
        script('slurm_train.sh'),
        'gpu',
        'vosgan',
        'cfg.py',
        *EXTRA,
        GPUS='16',
        SRUN_ARGS='--time=1-0 --exclusive')
    assert result.returncode == 0, result.stderr
    argv = record['argv']
    train, at = tool_path(argv, 'train.py')
    assert train == osp.join(ROOT, 'tools', 'train.py')
    assert argv[:at] == [
        '-p', 'gpu', '--job-name=vosgan', '--gres=gpu:8', '--ntasks=16',
        '--ntasks-per-node=8', '--cpus-per-task=5', '--kill-on-bad-exit=1',
        '--time=1-0', '--exclusive', 'python', '-u'
    ]
    assert argv[at + 1:] == ['cfg.py', '--launcher', 'slurm', *EXTRA]
    # MMEngine's Slurm launcher takes its port from MASTER_PORT
    assert 12000 <= int(record['env']['MASTER_PORT']) < 32000


def test_slurm_test_on_fewer_gpus_than_a_node_asks_for_those(tmp_path):
    result, record = launch(
        tmp_path,
        'srun',
        script('slurm_test.sh'),
        'gpu',
        'eval',
        'cfg.py',
        'iter_2.pth',
        '--split',
        'val',
        GPUS='2',
        MASTER_PORT='23456')
    assert result.returncode == 0, result.stderr
    argv = record['argv']
    test, at = tool_path(argv, 'test.py')
    assert test == osp.join(ROOT, 'tools', 'test.py')
    for arg in ('--gres=gpu:2', '--ntasks=2', '--ntasks-per-node=2'):
        assert arg in argv[:at]
    assert argv[at + 1:] == [
        'cfg.py', 'iter_2.pth', '--launcher', 'slurm', '--split', 'val'
    ]
    assert record['env']['MASTER_PORT'] == '23456'


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def test_dist_train_trains_one_cpu_process_through_torchrun(tmp_path):
    work_dir = tmp_path / 'work'
    env = dict(os.environ, PORT=str(free_port()), OMP_NUM_THREADS='1')
    result = subprocess.run([
        'bash',
        script('dist_train.sh'), 'configs/vosgan/vosgan_900i_sprites.py', '1',
        '--work-dir',
        str(work_dir), '--no-validate', '--diff-rank-seed', '--cfg-options',
        'model.generator.base_channels=2',
        'model.discriminator.base_channels=2', 'train_dataloader.batch_size=2',
        'train_dataloader.num_workers=0',
        'train_dataloader.persistent_workers=False',
        'train_dataloader.dataset.num_clips=2', 'train_cfg.max_iters=1',
        'default_hooks.checkpoint.interval=1', 'custom_hooks=[]'
    ],
                            cwd=REPO_ROOT,
                            env=env,
                            capture_output=True,
                            text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (work_dir / 'iter_1.pth').is_file()
    dumped = (work_dir / 'vosgan_900i_sprites.py').read_text()
    assert "launcher = 'pytorch'" in dumped
    assert "backend='gloo'" in dumped  # no CUDA here
    assert 'diff_rank_seed=True' in dumped
