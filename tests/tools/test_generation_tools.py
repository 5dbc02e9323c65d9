"""Generation metrics, Table 4 and the preference study, as a user runs
them, on tiny random models."""
import json
import os.path as osp

import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope

from tests.conftest import REPO_ROOT
from tests.tools.test_train_and_generate_tools import run_tool
from vosgan_mm.registry import MODELS

VOSGAN = 'configs/vosgan/vosgan_900i_sprites.py'
VGAN = 'configs/vgan/vgan_900i_sprites.py'
SMALL_TEST = [
    'test_dataloader.dataset.num_clips=4', 'test_dataloader.batch_size=2',
    'test_dataloader.num_workers=0', 'test_evaluator.0.num_splits=2'
]


@pytest.fixture(scope='module')
def checkpoints(tmp_path_factory):
    """Randomly initialised demo-size VOS-GAN and VGAN checkpoints."""
    init_default_scope('vosgan_mm')
    root = tmp_path_factory.mktemp('ckpts')
    paths = {}
    for name, config in (('vosgan_demo', VOSGAN), ('vgan_demo', VGAN)):
        cfg = Config.fromfile(osp.join(REPO_ROOT, config))
        model = MODELS.build(cfg.model)
        model.init_weights()
        paths[name] = str(root / f'{name}.pth')
        torch.save(dict(state_dict=model.state_dict()), paths[name])
    return paths


def test_test_tool_gives_is_fcd_mc_of_a_gan(checkpoints, tmp_path):
    result = run_tool('tools/test.py', 'configs/vosgan/vosgan_900i_sprites.py',
                      checkpoints['vosgan_demo'], '--work-dir', str(tmp_path),
                      '--cfg-options', *SMALL_TEST)
    assert result.returncode == 0, result.stderr[-3000:]
    metrics = json.loads((tmp_path / 'test_results.json').read_text())
    assert set(metrics['metrics']) == {
        'gen/IS', 'gen/IS_mean', 'gen/IS_std', 'gen/FCD', 'gen/MC', 'gen/FID'
    }


def test_checkpoint_of_another_model_is_a_clear_error(checkpoints, tmp_path):
    result = run_tool('tools/test.py', 'configs/vosgan/vosgan_900i_sprites.py',
                      checkpoints['vgan_demo'], '--work-dir', str(tmp_path),
                      '--cfg-options', *SMALL_TEST)
    assert result.returncode != 0
    assert 'Missing key' in result.stderr or 'missing keys' in result.stderr
    assert f'checkpoint {checkpoints["vgan_demo"]} does not fit VOSGAN' in \
        result.stderr


def test_generate_tool_names_a_checkpoint_of_another_model(
        checkpoints, tmp_path):
    result = run_tool('tools/generate.py',
                      'configs/vosgan/vosgan_900i_sprites.py',
                      checkpoints['vgan_demo'], '--out-dir', str(tmp_path))
    assert result.returncode != 0
    assert f'checkpoint {checkpoints["vgan_demo"]} does not fit VOSGAN' in \
        result.stderr
    for kind in ('missing keys', 'unexpected keys', 'keys of another shape'):
        assert kind in result.stderr
    assert not list(tmp_path.iterdir())


def test_table4_tool_has_a_row_per_model_and_real_videos(
        checkpoints, tmp_path):
    result = run_tool(
        'tools/analysis_tools/generation_table.py',
        f'VOS-GAN={VOSGAN}:{checkpoints["vosgan_demo"]}',
        f'VGAN={VGAN}:{checkpoints["vgan_demo"]}',
        '--work-dir', str(tmp_path), '--cfg-options', *SMALL_TEST)
    assert result.returncode == 0, result.stderr[-3000:]
    table = json.loads((tmp_path / 'table4.json').read_text())
    assert [r['name']
            for r in table['rows']] == ['VOS-GAN', 'VGAN', 'real videos']
    # the note names the in-domain classifier the demo configs use
    assert 'SpriteFrameClassifier' in table['note']
    # one segmenter gave every row its FCD boxes, and the table says which
    assert ('FCD boxes, for every row: FlowMagnitudeSegmenter'
            in table['note'])
    assert "FCD features: the classifier's pooled features" in \
        table['note']
    assert '| real videos |' in result.stdout


def test_preference_study_page_hides_its_answer_key(checkpoints, tmp_path):
    result = run_tool(
        'tools/preference_study.py', 'make',
        f'VOS-GAN={VOSGAN}:{checkpoints["vosgan_demo"]}',
        f'VGAN={VGAN}:{checkpoints["vgan_demo"]}',
        '--out-dir', str(tmp_path), '--pairs', '3', '--videos-per-side', '2')
    assert result.returncode == 0, result.stderr[-3000:]
    page = (tmp_path / 'index.html').read_text()
    key = json.loads((tmp_path / 'answer_key.json').read_text())
    assert len(key['pairs']) == 3 and 'VGAN' not in page
    for pid in key['pairs']:
        assert f'{pid}_left.gif' in page
        assert osp.isfile(tmp_path / f'{pid}_right.gif')
    (tmp_path / 'a.json').write_text(json.dumps({'pair_000': 'left'}))
    tally = run_tool('tools/preference_study.py', 'tally', '--key',
                     str(tmp_path / 'answer_key.json'),
                     str(tmp_path / 'a.json'))
    assert tally.returncode == 0, tally.stderr[-2000:]
    winner = key['pairs']['pair_000']['left']
    assert f'| {winner} | 100.0 | 1 |' in tally.stdout


def test_test_tool_stops_at_a_misspelled_key(tmp_path):
    result = run_tool('tools/test.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--work-dir',
                      str(tmp_path), '--cfg-options', *SMALL_TEST,
                      'test_dataloader.dataset.num_clip=4')
    assert result.returncode != 0
    assert ('unknown key "test_dataloader.dataset.num_clip" for '
            'SpriteVideoDataset (did you mean "num_clips"?)') in result.stderr


def test_preference_study_draws_from_instances_and_from_real_videos(
        checkpoints, tmp_path):
    vosgan = checkpoints['vosgan_demo']
    result = run_tool(
        'tools/preference_study.py', 'make',
        f'VOS-GAN=configs/vosgan/vosgan_900i_sprites.py:{vosgan},{vosgan}',
        'real=real:configs/vosgan/vosgan_900i_sprites.py', '--out-dir',
        str(tmp_path), '--pairs', '4', '--videos-per-side', '2')
    assert result.returncode == 0, result.stderr[-3000:]
    key = json.loads((tmp_path / 'answer_key.json').read_text())
    assert key['models'] == ['VOS-GAN', 'real']
    instances = set()
    for pid, sides in key['pairs'].items():
        side = 'left' if sides['left'] == 'VOS-GAN' else 'right'
        instances.add(sides[f'{side}_instance'])
        # a side of real clips differs from the generated side
        assert (tmp_path / f'{pid}_left.gif').read_bytes() != \
            (tmp_path / f'{pid}_right.gif').read_bytes()
    assert instances == {0, 1}  # pairs alternate between the instances


def chromium_executable():
    import shutil
    return shutil.which('chromium') or shutil.which('chromium-browser')


@pytest.mark.skipif(
    chromium_executable() is None,
    reason='no Chromium (Debian: apt-get install chromium)')
def test_preference_page_in_a_headless_browser(checkpoints, tmp_path):
    """The study page as a participant sees it: it loads, the real clips'
    side plays (two screenshots differ), an answer is recorded and exported,
    and tally reads the export."""
    sync_playwright = pytest.importorskip(
        'playwright.sync_api').sync_playwright
    vosgan = checkpoints['vosgan_demo']
    result = run_tool(
        'tools/preference_study.py', 'make',
        f'VOS-GAN=configs/vosgan/vosgan_900i_sprites.py:{vosgan}',
        'real=real:configs/vosgan/vosgan_900i_sprites.py', '--out-dir',
        str(tmp_path), '--pairs', '2', '--videos-per-side', '2')
    assert result.returncode == 0, result.stderr[-3000:]
    key = json.loads((tmp_path / 'answer_key.json').read_text())
    answers = tmp_path / 'answers.json'
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=['--no-sandbox'])
        try:
            page = browser.new_page()
            page.goto((tmp_path / 'index.html').as_uri())
            page.wait_for_load_state('load')
            images = page.locator('img')
            assert images.count() == 4
            for i in range(4):  # every GIF decoded
                assert images.nth(i).evaluate(
                    'img => img.complete && img.naturalWidth > 0')
            real_side = key['pairs']['pair_000']['left'] == 'real'
            real = page.locator(
                f'img[src="pair_000_{"left" if real_side else "right"}.gif"]')
            first = real.screenshot()
            page.wait_for_timeout(600)
            assert real.screenshot() != first  # the GIF plays
            for pid in key['pairs']:  # always the real clips
                side = 'left' if key['pairs'][pid]['left'] == 'real' \
                    else 'right'
                page.check(f'input[name="{pid}"][value="{side}"]')
            with page.expect_download() as download:
                page.click('button:has-text("Save answers")')
            assert download.value.suggested_filename == 'answers.json'
            download.value.save_as(answers)
        finally:
            browser.close()
    exported = json.loads(answers.read_text())
    assert set(exported) == set(key['pairs'])
    tally = run_tool('tools/preference_study.py', 'tally', '--key',
                     str(tmp_path / 'answer_key.json'), str(answers))
    assert tally.returncode == 0, tally.stderr[-2000:]
    assert '| real | 100.0 | 2 |' in tally.stdout


def test_table4_over_seeds_gives_spread_and_which_orderings_hold(tmp_path):
    """Three per-seed tables: A beats B on FCD and IS in every seed, their
    MC order flips once; the real row is the same each seed."""
    fcd = dict(A=(0.1, 0.2, 0.3), B=(0.4, 0.5, 0.6))
    mc = dict(A=(1.0, 3.0, 1.0), B=(2.0, 2.0, 2.0))
    is_ = dict(A=(3.0, 4.0, 5.0), B=(2.0, 2.5, 1.0))
    for seed in range(3):
        rows = [
            dict(name=n, FCD=fcd[n][seed], MC=mc[n][seed], IS=is_[n][seed])
            for n in 'AB'
        ] + [dict(name='real videos', FCD=0.0, MC=0.0, IS=6.0)]
        (tmp_path / f'table4_seed{seed}.json').write_text(
            json.dumps(dict(rows=rows, note='classifier X.')))
    out = tmp_path / 'summary.json'
    result = run_tool('tools/analysis_tools/generation_table_over_seeds.py',
                      str(tmp_path / 'table4_seed*.json'), '--json', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    # A's FCD: mean 0.2, sample sd 0.1, range 0.1-0.3
    assert '| A | 3 | 0.2 ± 0.1 (0.1-0.3) |' in result.stdout
    assert '| real videos | 3 | 0 ± 0 (0-0) |' in result.stdout
    summary = json.loads(out.read_text())
    fcd_pairs = summary['orderings']['FCD']
    assert ['A', 'B', 3] in fcd_pairs['stable']
    assert fcd_pairs['flips'] == []
    # IS: higher is better, B beats A in no seed
    assert ['A', 'B', 3] in summary['orderings']['IS']['stable']
    # MC: lower is better; A is lower in seeds 0 and 2, B in seed 1
    assert summary['orderings']['MC']['flips'] == [['A', 'B', 2, 1, 3]]
    assert summary['note'] == 'classifier X.'
    # tables measured with different classifiers are not averaged
    (tmp_path / 'table4_seed9.json').write_text(
        json.dumps(dict(rows=[dict(name='A', FCD=0.1, MC=1.0, IS=3.0)],
                        note='classifier Y.')))
    mixed = run_tool('tools/analysis_tools/generation_table_over_seeds.py',
                     str(tmp_path / 'table4_seed*.json'))
    assert mixed.returncode != 0
    assert 'measured differently' in mixed.stderr
    assert 'Traceback' not in mixed.stderr
    missing = run_tool('tools/analysis_tools/generation_table_over_seeds.py',
                       str(tmp_path / 'nothing*.json'))
    assert 'nothing*.json: matches no file' in missing.stderr


def test_table4_over_seeds_counts_a_tie_for_neither_model(tmp_path):
    from tools.analysis_tools.generation_table_over_seeds import orderings
    runs = dict(A=dict(s0=dict(FCD=0.1), s1=dict(FCD=0.2)),
                B=dict(s0=dict(FCD=0.1), s1=dict(FCD=0.3)),
                C=dict(s0=dict(FCD=0.1), s1=dict(FCD=0.2)))
    pairs = orderings(runs, 'FCD', 'lower')
    # A beats B in s1 and ties in s0: not stable, and B never wins
    assert ['A', 'B', 1, 0, 2] in pairs['flips']
    # A and C tie everywhere: neither is better
    assert ['A', 'C', 0, 0, 2] in pairs['flips']
    assert pairs['stable'] == []


@pytest.mark.parametrize('content, message', [
    ('{not json', 'not JSON'),
    ('[1, 2]', 'not a generation table'),
    (json.dumps(dict(rows=[dict(name='A', IS=1.0), dict(name='A', IS=2.0)])),
     'two rows named "A"'),
    (json.dumps(dict(rows=[dict(IS=1.0)])), 'a row without a name'),
    (json.dumps(dict(rows=[dict(name='A', loss=1.0)])),
     'without any of FCD, MC, IS, FID'),
    (json.dumps(dict(rows=[], orderings={})), 'a summary this tool wrote'),
])
def test_table4_over_seeds_names_a_bad_table(tmp_path, content, message):
    (tmp_path / 'table.json').write_text(content)
    result = run_tool('tools/analysis_tools/generation_table_over_seeds.py',
                      str(tmp_path / 'table.json'))
    assert result.returncode == 1
    assert message in result.stderr
    assert str(tmp_path / 'table.json') in result.stderr
    assert 'Traceback' not in result.stderr
