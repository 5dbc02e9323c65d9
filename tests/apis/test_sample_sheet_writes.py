"""Sample sheets are written whole or not at all: a failed write names the
file and leaves an earlier run's sheets as they were."""
import resource

import pytest
import torch

from vosgan_mm.apis import write_sample_sheets
from vosgan_mm.utils import WriteError


class NoiseGAN:
    """A stand-in generator: videos of 8 frames of 32x32 noise (enough for
    the sheets' layout, and frames that do not compress away; no
    network)."""

    def sample_latents(self, num, seed):
        return dict(z=torch.rand(num, 3, 8, 32, 32,
                                 generator=torch.Generator().manual_seed(seed)))

    def generate(self, z):
        video = z * 2 - 1
        return dict(video=video, mask=z[:, :1])


@pytest.fixture
def file_size_limit():
    """Caps the size of files this process writes, as ``ulimit -f`` does
    (Python ignores SIGXFSZ, so a write past it fails with EFBIG)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)

    def apply(limit):
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))

    yield apply
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def test_sheets_are_written_and_named(tmp_path):
    written = write_sample_sheets(NoiseGAN(), str(tmp_path), num_videos=2)
    assert written == {
        'samples': [str(tmp_path / 'samples.mp4'),
                    str(tmp_path / 'samples.gif')]
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        'samples.gif', 'samples.mp4'
    ]


def test_a_failed_write_names_the_file_and_keeps_the_earlier_sheets(
        tmp_path, file_size_limit):
    write_sample_sheets(NoiseGAN(), str(tmp_path), num_videos=2)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    # a third of the MP4: its first frames fit, the rest do not
    file_size_limit(len(before['samples.mp4']) // 3)
    with pytest.raises(WriteError) as error:
        write_sample_sheets(NoiseGAN(), str(tmp_path), num_videos=2)
    assert error.value.path == str(tmp_path / 'samples.mp4')
    assert 'disk full, or over a file size limit?' in str(error.value)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
