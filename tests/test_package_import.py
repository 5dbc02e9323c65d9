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


def test_import_prints_no_warning_and_keeps_the_filters():
    result = subprocess.run([sys.executable, '-c', CHECK],
                            cwd=REPO_ROOT,
                            capture_output=True,
                            text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'imported\n'
    assert result.stderr == ''
