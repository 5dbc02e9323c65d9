"""Importing the package is quiet and leaves the process's warning filters
as they were."""
import subprocess
import sys

from tests.conftest import REPO_ROOT

CHECK = '''
import warnings
before = list(warnings.filters)
import vosgan_mm
assert list(warnings.filters) == before, 'warning filters changed'
print('imported')
'''


def run_python(code: str) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter, from the repository root."""
    return subprocess.run([sys.executable, '-c', code],
                          cwd=REPO_ROOT,
                          capture_output=True,
                          text=True,
                          timeout=120)


def test_import_prints_no_warning_and_keeps_the_filters():
    result = run_python(CHECK)
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'imported\n'
    assert result.stderr == ''


UNTOUCHED = '''
import mmengine.config.utils as config_utils
from mmengine.registry import WEIGHT_INITIALIZERS
from mmengine.runner import CheckpointLoader
loader = CheckpointLoader._schemes['']
metainfo = config_utils._get_cfg_metainfo
packages = dict(config_utils.MODULE2PACKAGE)
import torch
before = set(map(str, torch.serialization.get_safe_globals()))
import vosgan_mm
from mmengine.model.weight_init import PretrainedInit
from mmengine.registry import DefaultScope
from vosgan_mm.registry import WEIGHT_INITIALIZERS as OURS
assert CheckpointLoader._schemes[''] is loader, 'local loader replaced'
assert loader.__module__ == 'mmengine.runner.checkpoint', loader
assert config_utils._get_cfg_metainfo is metainfo, 'config utils patched'
assert metainfo.__module__ == 'mmengine.config.utils', metainfo
# one entry added to the table of config packages, no other changed
assert config_utils.MODULE2PACKAGE.pop('vosgan_mm') == 'vosgan_mm'
assert config_utils.MODULE2PACKAGE == packages, 'config packages changed'
with DefaultScope.overwrite_default_scope('vosgan_mm'):
    assert OURS.get('Pretrained') is PretrainedInit, 'Pretrained shadowed'
assert 'Pretrained' not in OURS.module_dict
added = set(map(str, torch.serialization.get_safe_globals())) - before
assert any('HistoryBuffer' in name for name in added), added
print('untouched')
'''


def test_import_leaves_mmengine_as_it_is_but_two_additions():
    """Importing the package replaces no loader, patches no MMEngine
    function and shadows no MMEngine name; it only adds MMEngine's
    checkpoint types to torch's weights-only allow-list and itself to
    MMEngine's table of config packages (``vosgan_mm::``)."""
    result = run_python(UNTOUCHED)
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'untouched\n'
