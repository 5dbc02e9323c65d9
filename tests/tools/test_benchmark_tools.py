"""The benchmark tools, run at tiny size: they print and write the figures
they promise (no timing is asserted)."""
import json

import pytest
import torch

from tests.tools.test_train_and_generate_tools import run_tool

TINY = [
    'model.generator.base_channels=2', 'model.discriminator.base_channels=2',
    'train_dataloader.batch_size=2', 'train_dataloader.num_workers=0',
    'train_dataloader.persistent_workers=False',
    'train_dataloader.dataset.num_clips=4'
]


@pytest.mark.bf16
def test_benchmark_reports_split_flops_runner_ratio_and_precision(tmp_path):
    out = tmp_path / 'figures.json'
    fused = [
        f'optim_wrapper.{net}.optimizer.fused=True'
        for net in ('generator', 'discriminator')
    ]
    result = run_tool('tools/analysis_tools/benchmark.py',
                      'configs/vosgan/vosgan_900i_sprites.py', '--iters', '2',
                      '--data-batches', '1', '--runner',
                      '--precision-steps', '2', '--peak-tflops', '1', '--json',
                      str(out), '--cfg-options', *TINY, *fused)
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures['batch_size'] == 2
    assert figures['clip_shape'] == [3, 32, 64, 64]
    assert figures['step_gflop'] > 0
    assert figures['flow_targets_s'] < figures['step_s']
    assert figures['peak_source'] == 'given'
    assert figures['flop_utilisation'] == pytest.approx(
        figures['achieved_tflops'] / 1)
    assert len(figures['runner_step_s_rounds']) == 2
    assert len(figures['bare_step_s_rounds']) == 3
    assert figures['bare_step_s'] == sorted(figures['bare_step_s_rounds'])[1]
    assert figures['runner_over_bare'] == pytest.approx(
        figures['runner_step_s'] / figures['bare_step_s'])
    assert 0 < figures['flow_share_of_step'] < 1
    # fused optimizers: the update checks, read once an iteration
    assert figures['host_reads_per_iter'] == 1
    # through the Runner too, hooks included, outside logging
    assert figures['runner_host_reads_per_iter'] == 1
    assert figures['operator_calls_per_iter'] > 100
    assert figures['profiled_step_s'] > 0
    assert len(figures['precision_losses']['mixed']) == 2
    assert set(figures['max_abs_loss_difference']) >= {'loss_d', 'loss_g'}
    assert 'flop_utilisation' in result.stdout


def test_flow_benchmark_reports_agreement_and_throughput(tmp_path):
    out = tmp_path / 'flow.json'
    result = run_tool('tools/analysis_tools/benchmark_flow.py', '--clips',
                      '2', '--frames', '4', '--batch', '2', '--devices',
                      'cpu', '--json', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert figures['epe_torch_vs_opencv'] < 1e-3
    assert figures['epe_torch_vs_truth'] == pytest.approx(
        figures['epe_opencv_vs_truth'], abs=1e-3)
    assert figures['torch_cpu_pairs_per_s'] > 0
    assert figures['opencv_cpu_pairs_per_s'] > 0


def test_data_benchmark_decodes_every_data_set_format(tmp_path):
    out = tmp_path / 'data.json'
    result = run_tool('tools/analysis_tools/benchmark_data.py', '--clips',
                      '3', '--workers', '0', '--batch-size', '1', '--json',
                      str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text())
    assert set(figures) == {
        'sprites', 'sprite_scenes', 'photo_scenes', 'photo_scenes_stabilised',
        'golf', 'golf_clip_store', 'videos', 'ucf101', 'davis2016'
    }
    for name in ('photo_scenes', 'photo_scenes_stabilised'):
        assert figures[name]['clip_shape'] == dict(
            video=[3, 32, 64, 64], flow=[2, 31, 64, 64]), name
    assert figures['golf_clip_store']['clip_shape'] == dict(
        video=[3, 32, 64, 64])
    assert figures['sprite_scenes']['clip_shape'] == dict(
        sprite_background=[64, 64, 3], sprite_params=[2, 11])
    assert figures['sprite_scenes']['device_draw_clips_per_s'] > 0
    assert figures['golf']['clip_shape'] == dict(
        video=[3, 32, 64, 64], flow=[2, 31, 64, 64])
    assert figures['ucf101']['clip_shape'] == [1, 3, 32, 64, 64]
    assert figures['davis2016']['clip_shape'] == dict(video=[3, 32, 64, 64])
    for name, row in figures.items():
        assert row['clips_per_s'] > 0 and row['loader_clips_per_s'] > 0, name


def tiny_tgan_and_benchmark_tool(**model_options):
    """``tools/analysis_tools/benchmark.py`` as a module, and a width-2 TGAN
    of the demo config (with ``model_options``), its config and a batch."""
    import importlib.util

    from mmengine.config import Config

    from tests.conftest import REPO_ROOT
    from vosgan_mm.registry import MODELS
    spec = importlib.util.spec_from_file_location(
        'benchmark_tool', f'{REPO_ROOT}/tools/analysis_tools/benchmark.py')
    benchmark = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmark)
    cfg = Config.fromfile(f'{REPO_ROOT}/configs/tgan/tgan_900i_sprites.py')
    cfg.merge_from_dict({
        'model.generator.base_channels': 2,
        'model.discriminator.base_channels': 2,
        **{
            f'model.{k}': v
            for k, v in model_options.items()
        }
    })
    batch = dict(
        inputs=dict(video=torch.zeros(2, 3, 32, 64, 64, dtype=torch.uint8)),
        data_samples=[])
    return benchmark, MODELS.build(cfg.model), cfg, batch


def test_the_bare_reference_step_is_the_models_own_alternation():
    """The bare step (no Runner, no wrappers) uses the config's optimizers
    and the model's D/G step counts and D-update hook."""
    benchmark, model, cfg, batch = tiny_tgan_and_benchmark_tool(
        discriminator_steps=2)
    calls = []
    model.after_discriminator_update = lambda: calls.append(1)
    before = [p.detach().clone() for p in model.generator.parameters()]
    benchmark.bare_step_seconds(model, batch, cfg.optim_wrapper, 0, 2)
    assert len(calls) == 2 * 2  # 2 iterations of 2 D updates
    after = list(model.generator.parameters())
    assert any(not torch.equal(a, b) for a, b in zip(before, after))


@pytest.mark.parametrize('reuse_fakes,passes', [(True, 1), (False, 2)])
def test_bare_step_runs_g_as_often_as_the_models_own_step(reuse_fakes, passes):
    benchmark, model, cfg, batch = tiny_tgan_and_benchmark_tool(
        reuse_fakes=reuse_fakes)
    calls = []
    model.generator.register_forward_hook(lambda *args: calls.append(1))
    benchmark.bare_step_seconds(model, batch, cfg.optim_wrapper, 0, 3)
    assert len(calls) == 3 * passes


def test_parity_heads_benchmark_times_both_forms_and_checks_their_outputs(
        tmp_path):
    out = tmp_path / 'heads.json'
    result = run_tool('tools/analysis_tools/benchmark_parity_heads.py',
                      '--batch', '1', '--input', '2', '4', '4', '--channels',
                      '16:3', '32:8', '--repeats', '1', '--json', str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    rows = json.loads(out.read_text())
    assert [r['input'] for r in rows] == [[1, 16, 2, 4, 4], [1, 32, 1, 2, 2]]
    assert [r['out_channels'] for r in rows] == [3, 8]
    for row in rows:
        assert row['max_abs_difference'] < 1e-4
        assert row['plain_forward_ms'] > 0 and row['parity_forward_ms'] > 0
    assert '16 -> 3' in result.stdout
