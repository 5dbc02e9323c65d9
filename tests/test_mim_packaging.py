"""The configs, tools and model index ship under ``vosgan_mm/.mim``.

``mim train vosgan_mm <config>`` and MMEngine's ``package::config`` paths
read them from there (setup.py puts them in place at build time).
"""
import importlib.util
import os.path as osp
import shutil
import subprocess
import sys
import zipfile

import pytest
import yaml

ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
BUILD_INPUTS = ('setup.py', 'setup.cfg', 'pyproject.toml', 'README.md',
                'LICENSE', 'model-index.yml', 'vosgan_mm', 'configs', 'tools')
SHIPPED = ('vosgan_mm/.mim/configs/vosgan/vosgan_900i_sprites.py',
           'vosgan_mm/.mim/tools/train.py', 'vosgan_mm/.mim/model-index.yml')


def _can_build_wheels():
    # setuptools builds wheels itself from 70.1 on; before, it needs `wheel`
    for name in ('setuptools.command.bdist_wheel', 'wheel.bdist_wheel'):
        try:
            if importlib.util.find_spec(name) is not None:
                return True
        except ImportError:  # its parent package is not installed
            pass
    return False


@pytest.mark.skipif(
    not _can_build_wheels(),
    reason='building a wheel offline needs setuptools>=70.1 or the wheel '
    'package')
def test_wheel_ships_configs_tools_and_model_index(tmp_path):
    # build from a copy, so that the checkout gets no build/ or egg-info
    src = tmp_path / 'src'
    src.mkdir()
    ignore = shutil.ignore_patterns('__pycache__', '*.pyc', '.mim')
    for name in BUILD_INPUTS:
        if osp.isdir(osp.join(ROOT, name)):
            shutil.copytree(osp.join(ROOT, name), src / name, ignore=ignore)
        elif osp.exists(osp.join(ROOT, name)):
            shutil.copy(osp.join(ROOT, name), src / name)
    dist = tmp_path / 'dist'
    # the PEP 517 backend that pyproject.toml names, without build
    # isolation (no download)
    subprocess.run(
        [sys.executable, '-c',
         'import sys; from setuptools import build_meta; '
         'build_meta.build_wheel(sys.argv[1])', str(dist)],
        cwd=src, check=True, capture_output=True, timeout=120)
    wheel, = dist.glob('vosgan_mm-*.whl')
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for path in SHIPPED:
            assert path in names
        # every metafile the model index imports ships with it
        index = yaml.safe_load(archive.read('vosgan_mm/.mim/model-index.yml'))
        for metafile in index['Import']:
            assert f'vosgan_mm/.mim/{metafile}' in names
    assert not any('__pycache__' in name for name in names)


# mmengine reads installed paths through pkg_resources
@pytest.mark.filterwarnings('ignore:pkg_resources is deprecated')
def test_installed_package_has_mim_folder():
    # what `mim train vosgan_mm vosgan_900i_sprites.py` looks up; an editable
    # install made before setup.py existed lacks it until reinstalled
    from mmengine.utils import get_installed_path
    mim_dir = osp.join(get_installed_path('vosgan_mm'), '.mim')
    for path in SHIPPED:
        assert osp.isfile(osp.join(mim_dir, path.split('.mim/')[1])), (
            f'{mim_dir} lacks {path}: reinstall with `pip install -e .`')


@pytest.mark.filterwarnings('ignore:pkg_resources is deprecated')
def test_a_config_inherits_ours_by_package_path(tmp_path):
    # `vosgan_mm::` resolves as `mmaction::` does, once vosgan_mm is
    # imported (the import adds the package to MMEngine's table)
    import vosgan_mm  # noqa: F401
    from mmengine.config import Config
    child = tmp_path / 'my_vosgan.py'
    child.write_text("_base_ = 'vosgan_mm::_base_/models/vosgan.py'\n"
                     "model = dict(generator=dict(base_channels=8))\n")
    cfg = Config.fromfile(str(child))
    assert cfg.model.type == 'VOSGAN'
    assert cfg.model.generator.base_channels == 8
    # and the base's other values came through
    base = Config.fromfile(
        osp.join(ROOT, 'configs', '_base_', 'models', 'vosgan.py'))
    assert cfg.model.discriminator == base.model.discriminator
