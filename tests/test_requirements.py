"""The requirement files and setup.cfg, split as MMAction2 splits them:
requirements/runtime.txt (run time, torch excepted), requirements/tests.txt
(the test suite), requirements.txt (both, with the checked torch), and
setup.cfg's ranges, which the pinned releases must satisfy."""
import os.path as osp

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from setuptools.config.setupcfg import read_configuration

from tests.conftest import REPO_ROOT

TEST_TOOLS = {'pytest', 'pytest-xdist', 'hypothesis', 'playwright'}
OPENCV_WHEELS = {'opencv-python', 'opencv-contrib-python'}


def read_requirements(path):
    """The requirements of a pip requirements file, following ``-r``."""
    requirements = []
    with open(path) as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line.startswith('-r'):
                included = line[2:].strip()
                requirements += read_requirements(
                    osp.join(osp.dirname(path), included))
            elif line:
                requirements.append(Requirement(line))
    return requirements


def by_name(requirements):
    named = {}
    for requirement in requirements:
        name = canonicalize_name(requirement.name)
        assert name not in named, f'{name} is listed twice'
        named[name] = requirement
    return named


def requirements_file(name):
    return by_name(read_requirements(osp.join(REPO_ROOT, name)))


@pytest.fixture(scope='module')
def setup_cfg():
    options = read_configuration(osp.join(REPO_ROOT, 'setup.cfg'))['options']
    return (by_name(map(Requirement, options['install_requires'])), {
        extra: by_name(map(Requirement, requirements))
        for extra, requirements in options['extras_require'].items()
    })


def test_requirements_txt_installs_torch_the_runtime_and_the_test_tools():
    full = requirements_file('requirements.txt')
    runtime = requirements_file('requirements/runtime.txt')
    tests = requirements_file('requirements/tests.txt')
    assert set(full) == {'torch'} | set(runtime) | set(tests)
    assert str(full['torch'].specifier) == '==2.13.0'
    assert TEST_TOOLS <= set(tests)


def test_the_runtime_holds_neither_torch_nor_test_tools():
    runtime = requirements_file('requirements/runtime.txt')
    assert {'mmengine', 'mmcv-lite', 'mmaction2', 'numpy'} <= set(runtime)
    assert not ({'torch'} | TEST_TOOLS) & set(runtime)


def test_the_tests_extra_is_requirements_tests_txt(setup_cfg):
    _, extras = setup_cfg
    tests = requirements_file('requirements/tests.txt')
    assert {
        name: str(r)
        for name, r in extras['tests'].items()
    } == {
        name: str(r)
        for name, r in tests.items()
    }


def test_the_package_depends_on_mmaction2s_opencv_wheel_alone(setup_cfg):
    install_requires, _ = setup_cfg
    mmaction2_wheel = 'opencv-contrib-python'
    assert OPENCV_WHEELS & set(install_requires) == {mmaction2_wheel}


def test_both_cv2_wheels_that_pip_installs_are_one_release():
    # mmaction2 asks for opencv-contrib-python, mmengine for opencv-python:
    # pip installs both, and both write the cv2 package
    runtime = requirements_file('requirements/runtime.txt')
    pins = {str(runtime[name].specifier) for name in OPENCV_WHEELS}
    assert len(pins) == 1 and pins.pop().startswith('==')


def test_every_pinned_release_is_in_the_packages_range(setup_cfg):
    install_requires, _ = setup_cfg
    full = requirements_file('requirements.txt')
    assert set(install_requires) - set(full) == set()
    for name, requirement in install_requires.items():
        pinned = [
            s.version for s in full[name].specifier if s.operator == '=='
        ]
        for version in pinned:
            assert requirement.specifier.contains(version), (name, version)


@pytest.mark.parametrize('name, inside, outside', [
    ('torch', ['2.6.0', '2.13.0', '2.13.1'], ['2.5.1', '2.14.0']),
    ('numpy', ['2.0.0', '2.4.6'], ['1.26.4', '3.0.0']),
    ('setuptools', ['65.5.0', '80.10.2'], ['81.0.0']),
])
def test_the_package_ranges(setup_cfg, name, inside, outside):
    # torch: patch releases of the checked 2.13; numpy: numpy._core is
    # numpy 2's; setuptools: pkg_resources (for `package::` configs) went
    # in 81
    specifier = setup_cfg[0][name].specifier
    for version in inside:
        assert specifier.contains(version), version
    for version in outside:
        assert not specifier.contains(version), version
