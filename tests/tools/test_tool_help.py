"""Every tool's ``--help`` documents every option with its default.

The tools follow MMAction2's convention: each option of each script under
``tools/`` has a help text that ends with its default, ``(default: X)``,
whether written into the help string or appended by argparse's
``ArgumentDefaultsHelpFormatter``. This test guards that convention for
every tool at once, a new one included: it runs ``--help`` of each
``tools/**/*.py`` (and of each sub-command of a tool that has them) and
checks that the help exits with status 0, has an ``options:`` section, and
that every option entry but ``-h, --help`` ends with its default.

All the tools run in one child process (``runpy``, ``sys.argv`` patched),
so that the heavy imports happen once and nothing a tool does at import
reaches the test process. Run as a script (``python test_tool_help.py
TOOLS_ROOT OUT.json``) this file is that child.
"""
import contextlib
import glob
import io
import json
import os
import os.path as osp
import re
import runpy
import subprocess
import sys

REPO_ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))

# the help entry ends with its default: "(default: X)"
DEFAULT_AT_END = re.compile(r'\(default: [^()]*\)$')
# a tool with sub-commands: "usage: tool.py [-h] {make,tally} ..."
SUB_COMMANDS = re.compile(r' \{([\w,-]+)\} \.\.\.')


def tool_paths(root: str) -> list:
    """Every script under ``root/tools``, relative to ``root``."""
    paths = glob.glob(osp.join(root, 'tools', '**', '*.py'), recursive=True)
    return sorted(
        osp.relpath(path, root) for path in paths
        if osp.basename(path) != '__init__.py')


def run_help(path: str, args: list) -> dict:
    """Runs the tool at ``path`` as ``__main__`` with ``args`` in this
    process and returns its exit status, stdout and any exception."""
    out, argv = io.StringIO(), sys.argv
    sys.argv = [path, *args]
    result = dict(tool=' '.join([path, *args[:-1]]), status=0, error=None)
    try:
        with contextlib.redirect_stdout(out), \
                contextlib.redirect_stderr(io.StringIO()):
            runpy.run_path(path, run_name='__main__')
    except SystemExit as e:
        result['status'] = 0 if e.code is None else e.code
    except Exception as e:  # noqa: BLE001 (reported by the test)
        result['error'] = f'{type(e).__name__}: {e}'
    finally:
        sys.argv = argv
    result['help'] = out.getvalue()
    return result


def collect_help(root: str) -> list:
    """``run_help`` of ``--help`` of every tool, and of each sub-command's
    ``--help`` where a tool has sub-commands."""
    results = []
    for path in tool_paths(root):
        result = run_help(path, ['--help'])
        results.append(result)
        usage = result['help'].split('\n\n', 1)[0]
        match = SUB_COMMANDS.search(' '.join(usage.split()))
        for command in match.group(1).split(',') if match else ():
            results.append(run_help(path, [command, '--help']))
    return results


def option_entries(help_text: str) -> list:
    """The entries of the ``options:`` section, each on one line; None
    where there is no such section."""
    if '\noptions:\n' not in help_text:
        return None
    section = help_text.split('\noptions:\n', 1)[1].split('\n\n', 1)[0]
    # an entry's first line starts with "  -", its other lines further in
    return [
        ' '.join(entry.split())
        for entry in re.split(r'\n(?=  -)', section.strip('\n'))
    ]


def help_faults(result: dict) -> list:
    """What is wrong with one tool's help, one line per fault."""
    if result['error']:
        return [f'--help raised {result["error"]}']
    if result['status'] != 0:
        return [f'--help exited with status {result["status"]}']
    entries = option_entries(result['help'])
    if entries is None:
        return ['no "options:" section in its help']
    faults = []
    for entry in entries:
        if entry.startswith('-h, --help') or DEFAULT_AT_END.search(entry):
            continue
        faults.append(f'{entry.split()[0]}: its help does not end with '
                      f'(default: ...): "{entry}"')
    return faults


def test_every_tool_option_ends_its_help_with_its_default(tmp_path):
    out = tmp_path / 'help.json'
    env = dict(os.environ, PYTHONPATH=REPO_ROOT, COLUMNS='100')
    command = [sys.executable, osp.abspath(__file__), REPO_ROOT, str(out)]
    child = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300)
    assert child.returncode == 0, child.stderr[-3000:]
    results = json.loads(out.read_text())
    tools = {result['tool'] for result in results}
    assert set(tool_paths(REPO_ROOT)) <= tools
    assert 'tools/train.py' in tools
    faults = [
        f'{result["tool"]}: {fault}' for result in results
        for fault in help_faults(result)
    ]
    assert not faults, '\n'.join(faults)


if __name__ == '__main__':
    root, out_file = sys.argv[1:]
    sys.path.insert(0, root)
    os.chdir(root)
    collected = collect_help(root)
    with open(out_file, 'w') as f:
        json.dump(collected, f)
