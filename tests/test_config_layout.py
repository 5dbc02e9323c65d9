"""The configs' layout (docs/user_guides/configs.md): every runnable config
lives in its algorithm's or task's folder, none inherits another, and its
`_base_` chain is at most two steps long, so that what a config runs can be
read off two files."""
import ast
import glob
import os.path as osp

from tests.conftest import REPO_ROOT

CONFIGS = osp.join(REPO_ROOT, 'configs')
# the paper's command, kept at its path: the canonical golf config and
# nothing else
ENTRY_POINTS = {'vosgan_golf.py': 'vosgan/vosgan_25e_golf.py'}


def bases(path):
    """The files `path` names in `_base_` (package paths left out)."""
    for node in ast.parse(open(path).read()).body:
        if isinstance(node, ast.Assign) and any(
                getattr(t, 'id', None) == '_base_' for t in node.targets):
            value = ast.literal_eval(node.value)
            names = [value] if isinstance(value, str) else value
            return [
                osp.normpath(osp.join(osp.dirname(path), name))
                for name in names if '::' not in name
            ]
    return []


def depth(path):
    return max((1 + depth(base) for base in bases(path)), default=0)


def runnable_configs():
    return sorted(
        p for p in glob.glob(osp.join(CONFIGS, '**', '*.py'), recursive=True)
        if '_base_' not in osp.relpath(p, CONFIGS).split(osp.sep))


def test_only_the_papers_command_stays_at_the_root():
    at_root = sorted(
        osp.relpath(p, CONFIGS) for p in runnable_configs()
        if osp.dirname(p) == CONFIGS)
    assert at_root == sorted(ENTRY_POINTS)
    for entry, canonical in ENTRY_POINTS.items():
        assert bases(osp.join(CONFIGS, entry)) == [
            osp.join(CONFIGS, canonical)]


def test_no_config_inherits_a_runnable_config():
    runnable = set(runnable_configs())
    entries = {osp.join(CONFIGS, e) for e in ENTRY_POINTS}
    inheriting = [(osp.relpath(p, CONFIGS), osp.relpath(b, CONFIGS))
                  for p in runnable - entries for b in bases(p)
                  if b in runnable]
    assert not inheriting


def test_a_base_chain_is_at_most_two_steps():
    entries = {osp.join(CONFIGS, e) for e in ENTRY_POINTS}
    deep = [(osp.relpath(p, CONFIGS), depth(p))
            for p in runnable_configs() if p not in entries and depth(p) > 2]
    assert not deep
