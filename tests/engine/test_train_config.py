import argparse
import os.path as osp

import pytest
from mmengine.config import Config

from vosgan_mm.engine import train_config
from vosgan_mm.engine import (ConfigError, add_speed_arguments,
                              apply_run_flags, apply_speed_arguments,
                              check_train_config, fused_optimizers_on_cuda,
                              init_cpu_distributed, pin_memory_on_cuda,
                              refuse_to_overwrite, set_amp)

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def demo_config():
    return Config.fromfile(
        osp.join(REPO, 'configs', 'vosgan', 'vosgan_900i_sprites.py'))


def test_shipped_configs_pass_the_check():
    for name in ('vosgan/vosgan_900i_sprites', 'vosgan_golf',
                 'vosgan/vosgan_25e_golf', 'vosgan/vosgan_wo-of_25e_golf',
                 'vosgan/vosgan_wo-seg_25e_golf', 'vosgan/vosgan_25e_videos'):
        check_train_config(
            Config.fromfile(osp.join(REPO, 'configs', f'{name}.py')))


def test_ablations_differ_from_the_golf_config_by_loss_weight():

    def weights(name):
        cfg = Config.fromfile(osp.join(REPO, 'configs', f'{name}.py'))
        return cfg.model.loss_weights

    assert weights('vosgan/vosgan_25e_golf') == dict(
        adv=1.0, seg=1.0, flow_fake=1.0, flow_real=1.0)
    assert weights('vosgan/vosgan_wo-of_25e_golf') == dict(
        adv=1.0, seg=1.0, flow_fake=0.0, flow_real=0.0)
    assert weights('vosgan/vosgan_wo-seg_25e_golf') == dict(
        adv=1.0, seg=0.0, flow_fake=1.0, flow_real=1.0)


def test_missing_required_key_is_named():
    cfg = demo_config()
    del cfg.train_dataloader['dataset']
    with pytest.raises(
            ConfigError,
            match='missing required key "train_dataloader.dataset"'):
        check_train_config(cfg)
    cfg = demo_config()
    del cfg.optim_wrapper['discriminator']
    with pytest.raises(ConfigError, match='"optim_wrapper.discriminator"'):
        check_train_config(cfg)


def test_amp_sets_every_network_wrapper_to_bf16_autocast_on_any_device():
    for cuda in (False, True):
        cfg = demo_config()
        set_amp(cfg, cuda=cuda)
        for name in ('generator', 'discriminator'):
            assert cfg.optim_wrapper[name].type == 'AutocastOptimWrapper'
            assert cfg.optim_wrapper[name].dtype == 'bfloat16'


def test_float16_amp_is_cuda_amp_with_loss_scaling_and_refused_on_cpu():
    cfg = demo_config()
    set_amp(cfg, cuda=True, dtype='float16')
    assert cfg.optim_wrapper.generator.type == 'AmpOptimWrapper'
    assert cfg.optim_wrapper.generator.loss_scale == 'dynamic'
    assert 'dtype' not in cfg.optim_wrapper.generator
    with pytest.raises(ConfigError, match='float16 .* needs a GPU'):
        set_amp(demo_config(), cuda=False, dtype='float16')
    with pytest.raises(ConfigError, match='bfloat16 or float16, got "fp8"'):
        set_amp(demo_config(), cuda=True, dtype='fp8')


def test_optimizers_run_fused_only_on_cuda_and_where_the_config_is_silent():
    cfg = demo_config()
    fused_optimizers_on_cuda(cfg, cuda=False)
    assert 'fused' not in cfg.optim_wrapper.generator.optimizer
    cfg.optim_wrapper.discriminator.optimizer.foreach = False  # a choice
    fused_optimizers_on_cuda(cfg, cuda=True)
    assert cfg.optim_wrapper.generator.optimizer.fused is True
    assert 'fused' not in cfg.optim_wrapper.discriminator.optimizer


def test_new_run_refuses_a_work_dir_with_checkpoints(tmp_path):
    refuse_to_overwrite(str(tmp_path), resuming=False)  # empty: fine
    (tmp_path / 'iter_200.pth').write_bytes(b'x')
    with pytest.raises(ConfigError, match='iter_200.pth.*--resume'):
        refuse_to_overwrite(str(tmp_path), resuming=False)
    refuse_to_overwrite(str(tmp_path), resuming=True)


def test_pinned_memory_and_non_blocking_copies_only_on_cuda():
    cfg = demo_config()
    cfg.test_dataloader.pin_memory = False  # an explicit choice is kept
    pin_memory_on_cuda(cfg, cuda=False)
    assert 'pin_memory' not in cfg.train_dataloader
    pin_memory_on_cuda(cfg, cuda=True)
    assert cfg.train_dataloader.pin_memory is True
    assert cfg.test_dataloader.pin_memory is False
    assert cfg.model.data_preprocessor.non_blocking is True
    recognizer = Config.fromfile(
        osp.join(REPO, 'configs', 'recognition', 'vosgan_transfer_ucf101.py'))
    pin_memory_on_cuda(recognizer, cuda=True)
    assert recognizer.train_dataloader.pin_memory is True
    # MMAction2's preprocessor takes no non_blocking
    assert 'non_blocking' not in recognizer.model.data_preprocessor


def test_every_network_a_gan_steps_needs_its_optimizer():
    for name in ('vgan/vgan_900i_sprites', 'tgan/tgan_900i_sprites',
                 'vosgan/vosgan_900i_sprites'):
        cfg = Config.fromfile(osp.join(REPO, 'configs', f'{name}.py'))
        del cfg.optim_wrapper['generator']
        with pytest.raises(ConfigError, match='"optim_wrapper.generator"'):
            check_train_config(cfg)


def test_run_flags_set_seeds_determinism_and_lr_scaling():
    cfg = demo_config()
    apply_run_flags(cfg, seed=7, deterministic=True, auto_scale_lr=True)
    assert cfg.randomness == dict(seed=7, deterministic=True)
    assert cfg.model.noise_seed == 7  # a GAN's latent noise follows
    assert cfg.auto_scale_lr == dict(enable=True, base_batch_size=16)
    recognizer = Config.fromfile(
        osp.join(REPO, 'configs', 'recognition', 'vosgan_transfer_ucf101.py'))
    apply_run_flags(recognizer, seed=7)
    assert recognizer.randomness['seed'] == 7
    assert 'noise_seed' not in recognizer.model
    untouched = demo_config()
    apply_run_flags(untouched)
    assert untouched.randomness == demo_config().randomness
    assert untouched.auto_scale_lr['enable'] is False
    # a config without randomness (e.g. inherited from MMAction2's) keeps
    # none unless a flag asks, and then gets a seed entry the Runner needs
    bare = demo_config()
    bare.pop('randomness')
    apply_run_flags(bare)
    assert 'randomness' not in bare
    apply_run_flags(bare, deterministic=True)
    assert bare.randomness == dict(seed=None, deterministic=True)


def test_auto_scale_lr_without_a_base_batch_size_is_named():
    cfg = demo_config()
    cfg.pop('auto_scale_lr')
    with pytest.raises(
            ConfigError, match='--auto-scale-lr needs auto_scale_lr'):
        apply_run_flags(cfg, auto_scale_lr=True)


def test_a_cpu_run_says_gloo_not_nccl():
    cfg = demo_config()
    assert cfg.env_cfg.dist_cfg.backend == 'nccl'  # for CUDA machines
    init_cpu_distributed(cfg, cuda=False)
    assert cfg.env_cfg.dist_cfg.backend == 'gloo'
    cuda_cfg = demo_config()
    init_cpu_distributed(cuda_cfg, cuda=True)
    assert cuda_cfg.env_cfg.dist_cfg.backend == 'nccl'


def test_the_tools_speed_flags_set_precision_and_compilation(monkeypatch):
    monkeypatch.setattr(train_config, 'cpu_has_native_bf16', lambda: True)
    parser = argparse.ArgumentParser()
    add_speed_arguments(parser)
    cfg = demo_config()
    apply_speed_arguments(cfg, parser.parse_args([]), cuda=False)
    assert cfg.optim_wrapper.generator.type == 'OptimWrapper'
    assert 'compile_cfg' not in cfg.model
    args = parser.parse_args(['--amp', '--compile', 'reduce-overhead'])
    apply_speed_arguments(cfg, args, cuda=False)
    assert cfg.optim_wrapper.generator.type == 'AutocastOptimWrapper'
    assert cfg.model.compile_cfg == dict(mode='reduce-overhead')
    assert parser.parse_args(['--compile']).compile == 'default'


def test_bf16_amp_on_a_gpu_without_bf16_points_to_float16(monkeypatch):
    monkeypatch.setattr('torch.cuda.is_available', lambda: True)
    monkeypatch.setattr('torch.cuda.is_bf16_supported', lambda: False)
    with pytest.raises(ConfigError, match='no bfloat16 .* --amp float16'):
        set_amp(demo_config(), cuda=True)


@pytest.mark.parametrize('native', [False, True])
def test_auto_amp_on_a_cpu_is_bf16_only_where_it_is_native(
        monkeypatch, native):
    said = []
    monkeypatch.setattr(train_config, 'cpu_has_native_bf16', lambda: native)
    monkeypatch.setattr(train_config, 'print_log',
                        lambda msg, **kwargs: said.append(msg))
    cfg = demo_config()
    precision = set_amp(cfg, cuda=False, dtype='auto')
    if native:
        assert precision == 'bfloat16' and said == []
        assert cfg.optim_wrapper.generator.type == 'AutocastOptimWrapper'
    else:
        assert precision is None
        assert cfg.optim_wrapper.generator.type == 'OptimWrapper'
        [message] = said
        assert message.startswith('--amp: this CPU has no native bfloat16')
        assert message.endswith('training in float32 (--amp bfloat16 '
                                'forces bfloat16)')


def test_auto_amp_on_a_gpu_and_forced_bf16_on_any_cpu(monkeypatch):
    monkeypatch.setattr(train_config, 'cpu_has_native_bf16', lambda: False)
    cfg = demo_config()
    assert set_amp(cfg, cuda=True, dtype='auto') == 'bfloat16'
    assert cfg.optim_wrapper.discriminator.type == 'AutocastOptimWrapper'
    cfg = demo_config()
    assert set_amp(cfg, cuda=False, dtype='bfloat16') == 'bfloat16'
    assert cfg.optim_wrapper.discriminator.type == 'AutocastOptimWrapper'


def test_amp_alone_means_auto_for_training_and_bf16_for_benchmarks():
    for alone in ('auto', 'bfloat16'):
        parser = argparse.ArgumentParser()
        add_speed_arguments(parser, amp_alone=alone)
        assert parser.parse_args(['--amp']).amp == alone
        assert parser.parse_args(['--amp', 'float16']).amp == 'float16'
        assert parser.parse_args([]).amp is None
