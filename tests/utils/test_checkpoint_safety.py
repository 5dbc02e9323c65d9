import errno
import os
import pickle
import stat

import numpy as np
import pytest
import torch

import vosgan_mm  # noqa: F401  (allow-lists MMEngine's checkpoint types)
from vosgan_mm.utils import (WriteError, remove_stale_temporary_files,
                             write_atomically)


class RunsCode:

    def __reduce__(self):
        return (os.system, ('echo pwned > pwned.txt', ))


def test_checkpoint_whose_pickle_would_run_code_fails_to_load(
        tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    torch.save({'state_dict': {}, 'evil': RunsCode()}, 'evil.pth')
    with pytest.raises(pickle.UnpicklingError):
        torch.load('evil.pth')
    assert not (tmp_path / 'pwned.txt').exists()


def test_getattr_in_a_checkpoint_reaches_only_history_buffer_methods(tmp_path):

    class Attr:

        def __reduce__(self):
            # an allow-listed class, a dangerous method (writes a file)
            return (getattr, (np.ndarray, 'tofile'))

    torch.save({'x': Attr()}, tmp_path / 'attr.pth')
    with pytest.raises(pickle.UnpicklingError):
        torch.load(tmp_path / 'attr.pth')


def test_atomic_write_keeps_the_old_file_when_the_write_fails(
        tmp_path, monkeypatch):
    target = tmp_path / 'iter_1.pth'
    write_atomically(b'old', target)

    def fail(*args):
        raise OSError(errno.ENOSPC, 'No space left on device')

    monkeypatch.setattr(os, 'replace', fail)
    with pytest.raises(WriteError) as error:
        write_atomically(b'new', target)
    # one line naming the checkpoint, which the tools print as it is
    assert str(error.value) == (
        f'{target}: not written (No space left on device; the earlier file, '
        'if any, is unchanged; disk full, or over a file size limit?)')
    assert target.read_bytes() == b'old'
    assert os.listdir(tmp_path) == ['iter_1.pth']  # no temporary left


def test_only_this_project_s_stale_checkpoint_temporaries_are_removed(
        tmp_path):
    stale = ['.iter_4.pth.k2j_x9qa.tmp', '.last_checkpoint.abcdefgh.tmp']
    kept = ['iter_2.pth', '.notes.txt.abcdefgh.tmp', 'run.tmp',
            '.iter_4.pth.tmp']
    for name in stale + kept:
        (tmp_path / name).write_bytes(b'x')
    assert remove_stale_temporary_files(str(tmp_path)) == sorted(stale)
    assert sorted(os.listdir(tmp_path)) == sorted(kept)
    assert remove_stale_temporary_files(str(tmp_path / 'absent')) == []


@pytest.mark.parametrize('umask, mode', [(0o022, 0o644), (0o077, 0o600),
                                         (0o002, 0o664)])
def test_atomic_writes_get_the_permissions_the_umask_gives(
        tmp_path, umask, mode):
    # the temporary file is made 0600; the finished file is not left so
    path = tmp_path / 'iter_1.pth'
    previous = os.umask(umask)
    try:
        write_atomically(b'weights', path)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() == b'weights'
