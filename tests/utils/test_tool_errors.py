"""An input error ends a tool with its message and status 1, without a
traceback unless asked for; any other error keeps its traceback."""
import errno
import sys

import pytest
import torch
from torch.utils.data import DataLoader, Dataset

from vosgan_mm.datasets import VideoDataError
from vosgan_mm.engine import ConfigError
from vosgan_mm.utils import CheckpointError
from vosgan_mm.utils.tool_errors import message_of, run_tool


class BadClips(Dataset):

    def __len__(self):
        return 2

    def __getitem__(self, idx):
        raise VideoDataError('clip.avi: truncated or damaged')


def test_the_message_of_an_error_from_a_loader_worker_is_its_own():
    loader = DataLoader(BadClips(), num_workers=1)
    with pytest.raises(VideoDataError) as error:
        next(iter(loader))
    assert 'Original Traceback' in str(error.value)
    assert message_of(error.value) == 'clip.avi: truncated or damaged'
    assert message_of(ConfigError('a: b')) == 'a: b'


def test_a_worker_error_of_several_lines_keeps_them_all():
    wrapped = VideoDataError(
        'Caught VideoDataError in DataLoader worker process 0.\n'
        'Original Traceback (most recent call last):\n'
        '  File "x.py", line 1, in <module>\n'
        'vosgan_mm.utils.errors.VideoDataError: all 2 clips failed: a.avi:'
        ' cv2.error: OpenCV(5.0) error:\n'
        '>     scn is 1\n')
    assert message_of(wrapped) == ('all 2 clips failed: a.avi: cv2.error: '
                                   'OpenCV(5.0) error:\n>     scn is 1')


@pytest.mark.parametrize(
    'error', [
        VideoDataError('v.avi: truncated'),
        CheckpointError('c.pth is not a PyTorch checkpoint'),
        ConfigError('cfg.py: train_cfg.max_iters: must be a positive '
                    'integer, got 0'),
        FileNotFoundError('video not found: x.mp4')
    ])
def test_an_input_error_is_one_line_and_status_1(error, monkeypatch, capsys):
    monkeypatch.setattr(sys, 'argv', ['tools/some_tool.py', 'input'])
    monkeypatch.delenv('VOSGAN_DEBUG', raising=False)

    def main():
        raise error

    with pytest.raises(SystemExit) as stopped:
        run_tool(main)
    assert stopped.value.code == 1
    assert capsys.readouterr().err == f'some_tool.py: error: {error}\n'


@pytest.mark.parametrize('how', ['flag', 'environment'])
def test_debug_shows_the_traceback(how, monkeypatch):
    argv = ['tool.py'] + (['--debug'] if how == 'flag' else [])
    monkeypatch.setattr(sys, 'argv', argv)
    if how == 'environment':
        monkeypatch.setenv('VOSGAN_DEBUG', '1')

    def main():
        raise VideoDataError('v.avi: truncated')

    with pytest.raises(VideoDataError, match='v.avi: truncated'):
        run_tool(main)


def test_a_bug_keeps_its_traceback(monkeypatch):
    monkeypatch.setattr(sys, 'argv', ['tool.py'])

    def main():
        return torch.zeros(2) @ torch.zeros(3)

    with pytest.raises(RuntimeError):
        run_tool(main)


@pytest.mark.parametrize('code', [errno.EACCES, errno.EROFS, errno.ENOSPC])
def test_a_place_that_cannot_be_written_is_one_line_naming_it(
        code, monkeypatch, capsys):
    # a read-only work dir, a missing permission or a full disk is where
    # the run writes, not a bug: one line naming the path, status 1
    monkeypatch.setattr(sys, 'argv', ['tools/train.py', 'cfg.py'])
    monkeypatch.delenv('VOSGAN_DEBUG', raising=False)

    def main():
        raise OSError(code, 'Refused', 'work_dirs/run/20261206_1200')

    with pytest.raises(SystemExit) as stopped:
        run_tool(main)
    assert stopped.value.code == 1
    assert capsys.readouterr().err == (
        'train.py: error: work_dirs/run/20261206_1200: Refused\n')


def test_a_rename_refused_names_its_target(monkeypatch, capsys):
    monkeypatch.setattr(sys, 'argv', ['tool.py'])

    def main():
        raise OSError(errno.EROFS, 'Read-only file system', 'a.tmp', None,
                      'a.pth')

    with pytest.raises(SystemExit):
        run_tool(main)
    assert capsys.readouterr().err == (
        'tool.py: error: a.pth: Read-only file system\n')


@pytest.mark.parametrize(
    'error', [
        OSError(errno.EACCES, 'Permission denied'),  # names no file
        OSError(errno.EBADF, 'Bad file descriptor', 'x.txt')  # a bug
    ])
def test_other_os_errors_keep_their_traceback(error, monkeypatch):
    monkeypatch.setattr(sys, 'argv', ['tool.py'])

    def main():
        raise error

    with pytest.raises(OSError):
        run_tool(main)
