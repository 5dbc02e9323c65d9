import os

import pytest

from tests.tools.test_train_and_generate_tools import TINY, run_tool
from vosgan_mm.engine import ConfigError
from vosgan_mm.engine.runner import WorkDirLock


def test_a_second_holder_is_refused_with_the_first_ones_name(tmp_path):
    with WorkDirLock(str(tmp_path)):
        with pytest.raises(ConfigError) as error:
            with WorkDirLock(str(tmp_path)):
                pass
    message = str(error.value)
    assert message.startswith(f'work dir {tmp_path} is in use by another '
                              f'training run (pid {os.getpid()}, started ')
    assert message.endswith('pass --work-dir to train elsewhere')
    with WorkDirLock(str(tmp_path)):  # free again once released
        pass


def test_a_lock_file_left_by_a_killed_run_is_stale(tmp_path):
    # the kernel drops an flock with its process: the file alone holds
    # nothing
    (tmp_path / '.training.lock').write_text('pid 999999, started long ago')
    with WorkDirLock(str(tmp_path)) as lock:
        holder = open(lock.path).read()
    assert holder.startswith(f'pid {os.getpid()}, started ')


def test_two_trainings_into_one_work_dir_at_once_are_refused(tmp_path):
    with WorkDirLock(str(tmp_path)):
        result = run_tool('tools/train.py',
                          'configs/vosgan/vosgan_900i_sprites.py',
                          '--work-dir', str(tmp_path), '--cfg-options', *TINY)
    assert result.returncode == 1
    assert f'work dir {tmp_path} is in use by another training run (pid ' \
        f'{os.getpid()}' in result.stderr.strip().splitlines()[-1]
    assert not list(tmp_path.glob('*.pth'))
