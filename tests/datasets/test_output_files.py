"""Output files: a failed write is an error naming the file, and a failed
run leaves the earlier outputs as they were."""
import os

import numpy as np
import pytest

from tests.datasets.test_video_decoding import (NUM_FRAMES, cut,
                                                write_moving_video)
from vosgan_mm.datasets.output_files import (WriteError, check_written_video,
                                             replace_on_success, write_image,
                                             write_text)


def test_an_image_that_is_not_written_is_an_error_naming_it(tmp_path):
    path = tmp_path / 'no_such_folder' / 'mask.png'
    with pytest.raises(WriteError, match=f'^{path}: not written'):
        write_image(str(path), np.zeros((8, 8), np.uint8))
    write_image(str(tmp_path / 'mask.png'), np.zeros((8, 8), np.uint8))
    assert (tmp_path / 'mask.png').stat().st_size > 0


def test_a_written_video_that_does_not_decode_whole_is_an_error(tmp_path):
    video = write_moving_video(tmp_path / 'v.avi', 'MJPG')
    check_written_video(str(video), NUM_FRAMES)
    cut(video, 0.5)
    with pytest.raises(
            WriteError,
            match=rf'^{video}: incomplete: \d+ of the {NUM_FRAMES} frames '
            r'written decode \(the writer reported 1 problem, first: "Failed '
            r'to write frame"\); disk full, or over a file size limit\?'):
        check_written_video(
            str(video), NUM_FRAMES,
            ['[ WARN:0@1.5] Failed to write frame'])


def make_earlier_run(out_dir):
    (out_dir / 'masks').mkdir(parents=True)
    (out_dir / 'masks' / '00000.png').write_text('earlier')
    (out_dir / 'mask.mp4').write_text('earlier video')
    (out_dir / 'notes.txt').write_text('the user\'s own')


def snapshot(folder):
    return {
        os.path.relpath(os.path.join(root, name), folder):
        open(os.path.join(root, name)).read()
        for root, _, names in os.walk(folder) for name in names
    }


def is_output(name):
    return name in ('masks', 'mask.mp4')


def test_outputs_replace_the_earlier_ones_only_once_written(tmp_path):
    out = tmp_path / 'out'
    make_earlier_run(out)
    with replace_on_success(str(out), is_output) as staging:
        os.mkdir(os.path.join(staging, 'masks'))
        for name in ('masks/00001.png', 'mask.mp4'):
            with open(os.path.join(staging, name), 'w') as f:
                f.write('new')
        # nothing published while the block runs
        assert (out / 'masks' / '00000.png').read_text() == 'earlier'
    assert snapshot(out) == {
        'masks/00001.png': 'new',  # the earlier 00000.png is gone
        'mask.mp4': 'new',
        'notes.txt': 'the user\'s own'
    }


@pytest.mark.parametrize('error', [RuntimeError('frame 5 does not decode'),
                                   KeyboardInterrupt()])
def test_a_failed_run_leaves_the_earlier_outputs_intact(tmp_path, error):
    out = tmp_path / 'out'
    make_earlier_run(out)
    before = snapshot(out)
    with pytest.raises(type(error)):
        with replace_on_success(str(out), is_output) as staging:
            with open(os.path.join(staging, 'mask.mp4'), 'w') as f:
                f.write('half')
            raise error
    assert snapshot(out) == before
    assert sorted(os.listdir(out)) == ['mask.mp4', 'masks', 'notes.txt']


def test_a_failed_first_run_leaves_no_folder(tmp_path):
    out = tmp_path / 'out'
    with pytest.raises(WriteError):
        with replace_on_success(str(out), is_output) as staging:
            raise WriteError(os.path.join(staging, 'mask.mp4'), 'incomplete')
    assert not out.exists()


def test_a_write_error_names_the_file_where_it_would_have_been(tmp_path):
    out = tmp_path / 'out'
    with pytest.raises(WriteError) as error:
        with replace_on_success(str(out), is_output) as staging:
            raise WriteError(
                os.path.join(staging, 'masks', '00003.png'), 'not written')
    assert str(error.value) == f'{out}/masks/00003.png: not written'


def test_an_output_folder_that_cannot_be_made_is_an_error_naming_it(
        tmp_path):
    (tmp_path / 'file').write_text('')
    with pytest.raises(WriteError, match='file/out: cannot write there'):
        with replace_on_success(str(tmp_path / 'file' / 'out'), is_output):
            pass


def test_a_text_file_is_replaced_only_by_a_whole_one(tmp_path):
    path = tmp_path / 'list.txt'
    path.write_text('earlier\n')
    write_text(str(path), 'new\n')
    assert path.read_text() == 'new\n'
    with pytest.raises(WriteError, match='missing/list.txt: not written'):
        write_text(str(tmp_path / 'missing' / 'list.txt'), 'new\n')
    assert os.listdir(tmp_path) == ['list.txt']
