"""Build hooks that ship the configs and tools inside the package.

OpenMMLab's ``mim`` and MMEngine's ``package::config`` paths look for a
package's configs, tools and model index under ``<package>/.mim/``. They
live at the top of the repository, so the build puts them there:

- a regular build (wheel, ``pip install .``) copies ``configs/``,
  ``tools/`` and ``model-index.yml`` into ``vosgan_mm/.mim/`` of the
  build tree, so the wheel carries them;
- an editable install (``pip install -e .``) imports ``vosgan_mm`` from
  the checkout, so ``vosgan_mm/.mim/`` is made in the checkout itself,
  of links back to the top-level folders (copies where links cannot be
  made), and edits to a config show at once;
- a source distribution carries the three so that a wheel built from it
  has them too.

The metadata stays in setup.cfg.
"""
import os
import os.path as osp
import shutil

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

PACKAGE = 'vosgan_mm'
MIM_SOURCES = ('configs', 'tools', 'model-index.yml')
ROOT = osp.dirname(osp.abspath(__file__))


def _ignore_caches(folder, names):
    return [name for name in names
            if name == '__pycache__' or name.endswith('.pyc')]


def _copy(src, dst):
    if osp.isdir(src):
        shutil.copytree(src, dst, ignore=_ignore_caches)
    else:
        shutil.copyfile(src, dst)


def _remove(path):
    if osp.islink(path) or osp.isfile(path):
        os.remove(path)
    elif osp.isdir(path):
        shutil.rmtree(path)


def fill_mim_folder(mim_dir, link):
    """Put the configs, tools and model index into ``mim_dir``.

    Args:
        mim_dir (str): The ``.mim`` folder to fill; made if missing.
        link (bool): Make relative links to the sources instead of copies
            (editable installs). Falls back to copies where the file system
            refuses links.
    """
    os.makedirs(mim_dir, exist_ok=True)
    for name in MIM_SOURCES:
        src = osp.join(ROOT, name)
        if not osp.exists(src):
            raise FileNotFoundError(
                f'{src} is missing: the package cannot ship its {name}')
        dst = osp.join(mim_dir, name)
        _remove(dst)
        if link:
            try:
                os.symlink(osp.relpath(src, mim_dir), dst)
                continue
            except OSError:
                pass
        _copy(src, dst)


class BuildPyWithMim(build_py):
    """``build_py`` that also fills ``vosgan_mm/.mim``."""

    def run(self):
        super().run()
        if self.editable_mode:
            # the editable install imports the package from the checkout
            fill_mim_folder(osp.join(ROOT, PACKAGE, '.mim'), link=True)
        else:
            fill_mim_folder(
                osp.join(self.build_lib, PACKAGE, '.mim'), link=False)


class SdistWithMim(sdist):
    """``sdist`` that also carries the sources of ``vosgan_mm/.mim``."""

    def make_release_tree(self, base_dir, files):
        extra = []
        for name in MIM_SOURCES:
            if osp.isdir(name):
                for folder, dirs, names in os.walk(name):
                    dirs[:] = [d for d in dirs if d != '__pycache__']
                    extra += [osp.join(folder, n) for n in names
                              if not n.endswith('.pyc')]
            else:
                extra.append(name)
        files = list(files) + [f for f in extra if f not in files]
        super().make_release_tree(base_dir, files)


setup(cmdclass=dict(build_py=BuildPyWithMim, sdist=SdistWithMim))
