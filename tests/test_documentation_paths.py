"""Every repository path and config that README.md and docs/ name exists:
markdown links (relative to their page) and repository paths written in
the text (`configs/...`, `tools/...`, `vosgan_mm/...`, ...), with shell
braces `{a,b}`, optional parts `[...]` and globs expanded."""
import glob
import itertools
import os.path as osp
import re

import pytest

REPO_ROOT = osp.dirname(osp.dirname(osp.abspath(__file__)))
PAGES = [osp.join(REPO_ROOT, 'README.md')] + sorted(
    glob.glob(osp.join(REPO_ROOT, 'docs', '**', '*.md'), recursive=True))

LINK = re.compile(r'\]\(([^)\s]+)\)')
REPO_PATH = re.compile(
    r'(?<![\w/.$-])((?:configs|tools|vosgan_mm|docs|tests|results|requirements)'
    r'/[^\s`\'"()|]*)')
# what a page writes for the reader to fill in, or a command writes
PLACEHOLDER = re.compile(r'<|[A-Z]{3,}|\$|\.\.\.')


def expand(path):
    """All paths a written pattern stands for: `{a,b}` alternatives and
    `[x]` optional parts (a shell glob class is not used in these pages)."""
    match = re.search(r'\{([^{}]*)\}|\[([^\[\]]*)\]', path)
    if match is None:
        return [path]
    head, tail = path[:match.start()], path[match.end():]
    if match.group(1) is not None:
        options = match.group(1).split(',')
    else:
        options = ['', match.group(2)]
    return list(itertools.chain.from_iterable(
        expand(head + option + tail) for option in options))


def exists(path):
    if any(c in path for c in '*?'):
        return bool(glob.glob(path))
    return osp.exists(path)


def named_paths(page):
    """(written form, [absolute candidates]) for every path a page names."""
    with open(page, encoding='utf-8') as f:
        text = f.read()
    names = []
    for target in LINK.findall(text):
        if re.match(r'^(https?:|mailto:|#)', target):
            continue
        target = target.split('#')[0]
        names.append((target, [osp.normpath(
            osp.join(osp.dirname(page), target))]))
    for written in REPO_PATH.findall(text):
        # NAME=CONFIG:CHECKPOINT arguments name the config before the colon
        written = written.split('#')[0].split(':')[0].rstrip('.,;')
        if written.endswith(']') and written.count('[') < \
                written.count(']'):
            written = written[:-1]  # the text of a link: [configs/x](...)
        if PLACEHOLDER.search(written) or written.count('{') != \
                written.count('}'):
            continue
        names.append((written, [osp.join(REPO_ROOT, p)
                                for p in expand(written)]))
    return names


def test_expand_braces_and_optional_parts():
    assert expand('configs/{a,b}_x[_y].py') == [
        'configs/a_x.py', 'configs/a_x_y.py', 'configs/b_x.py',
        'configs/b_x_y.py']
    assert expand('tools/train.py') == ['tools/train.py']


def test_named_paths_finds_links_and_written_paths(tmp_path):
    page = tmp_path / 'page.md'
    page.write_text('See [x](sub/a.md#part), `configs/{p,q}.py` and '
                    'work_dirs/CONFIG/x, configs/<name>.py, [w](https://a).')
    names = named_paths(str(page))
    assert names[0] == ('sub/a.md', [str(tmp_path / 'sub' / 'a.md')])
    assert names[1] == ('configs/{p,q}.py', [
        osp.join(REPO_ROOT, 'configs/p.py'),
        osp.join(REPO_ROOT, 'configs/q.py')])
    assert len(names) == 2


def test_the_readme_stays_a_front_door():
    with open(PAGES[0], encoding='utf-8') as f:
        assert len(f.read().splitlines()) <= 300


@pytest.mark.parametrize(
    'page', PAGES, ids=[osp.relpath(p, REPO_ROOT) for p in PAGES])
def test_every_named_path_exists(page):
    missing = sorted({
        written for written, candidates in named_paths(page)
        if not all(exists(c) for c in candidates)})
    assert not missing, f'{osp.relpath(page, REPO_ROOT)} names ' \
        f'paths that do not exist: {missing}'
