"""Checks and adjustments of a config before the Runner is built: the
checks, and what the tools' flags change; and ``tools/test.py``'s checks
of the built Runner (where the weights come from, the test set's size)."""
import glob
import logging
import os.path as osp
from typing import Optional

import torch
from mmengine.config import Config
from mmengine.logging import print_log
from mmengine.model import is_model_wrapper

from vosgan_mm.evaluation import VideoSegmentationMetric
from vosgan_mm.models.utils import loads_checkpoint
from vosgan_mm.registry import METRICS, MODELS
from vosgan_mm.utils.checkpoint_loading import (load_from_local_file,
                                                state_dict_mismatch,
                                                weights_of)
from vosgan_mm.utils.cpu_features import (EMULATED_BF16_SLOWDOWN,
                                          cpu_has_native_bf16,
                                          describe_cpu_bf16)
from vosgan_mm.utils.errors import ConfigError

from .config_validation import accepted_keywords, config_problems
from .config_values import builds_a, value_problems


REQUIRED_TRAIN_KEYS = ('model', 'model.type', 'train_dataloader',
                       'train_dataloader.dataset',
                       'train_dataloader.batch_size', 'train_cfg',
                       'optim_wrapper')


def _registered(name):
    """The class of a model config's ``type`` (a name or the class), or
    None where there is none (the config check names unknown types)."""
    if isinstance(name, type):
        return name
    try:
        return MODELS.get(name) if isinstance(name, str) and name else None
    except RuntimeError:  # a dotted name that does not import
        return None


def _takes(model_cfg, argument: str) -> bool:
    """Whether the model (or data preprocessor) ``model_cfg`` builds takes
    ``argument``: its ``__init__`` names it, or passes ``**kwargs`` on to
    a base that does."""
    if not isinstance(model_cfg, dict):
        return False
    cls = _registered(model_cfg.get('type'))
    return cls is not None and argument in accepted_keywords(cls)[0]


def _lookup(cfg, dotted_key: str):
    node = cfg._cfg_dict if isinstance(cfg, Config) else cfg
    for part in dotted_key.split('.'):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _raise_problems(cfg: Config, problems: list) -> None:
    if not problems:
        return
    source = getattr(cfg, 'filename', None) or 'config'
    if len(problems) == 1:
        raise ConfigError(f'{source}: {problems[0]}')
    raise ConfigError(f'{source}: {len(problems)} problems:\n  ' +
                      '\n  '.join(problems))


def check_config(cfg: Config) -> None:
    """Raises :class:`ConfigError` listing, each with its dotted key, the
    keys no component or the Runner accepts (with the closest valid name),
    values of the wrong kind and unknown types (see
    :mod:`vosgan_mm.engine.config_validation`), and values no run can use
    (:mod:`vosgan_mm.engine.config_values`)."""
    _raise_problems(cfg, config_problems(cfg) + value_problems(cfg))


def check_train_config(cfg: Config) -> None:
    """As :func:`check_config`, and names as well the keys that training
    needs and ``cfg`` lacks: :data:`REQUIRED_TRAIN_KEYS`, and an optimizer
    wrapper for each network a model steps (a GAN: G and D)."""
    missing = [key for key in REQUIRED_TRAIN_KEYS if _lookup(cfg, key) is None]
    optim = cfg.get('optim_wrapper')
    if isinstance(optim, dict) and \
            optim.get('constructor') == 'MultiOptimWrapperConstructor':
        model_cls = _registered(_lookup(cfg, 'model.type'))
        missing += [
            f'optim_wrapper.{name}'
            for name in getattr(model_cls, 'optimized_networks', ())
            if name not in optim
        ]
    _raise_problems(cfg, [f'missing required key "{key}"' for key in missing] +
                    config_problems(cfg) + value_problems(cfg))


def _optim_wrapper_cfgs(cfg: Config) -> list:
    """The optimizer wrapper configs of ``cfg``: one, or one per network."""
    optim = cfg.optim_wrapper
    if 'constructor' in optim and 'optimizer' not in optim:
        return [v for k, v in optim.items() if k != 'constructor']
    return [optim]


def set_amp(cfg: Config,
            cuda: bool = None,
            dtype: str = 'bfloat16') -> Optional[str]:
    """Turns on mixed precision in every optimizer wrapper of ``cfg``:
    bfloat16 autocast on the model's device, CPU or GPU, with no loss
    scaling (``AutocastOptimWrapper``); or, with ``dtype='float16'`` on a
    GPU, CUDA AMP with dynamic loss scaling (``AmpOptimWrapper``). Works
    with one wrapper or a per-network dict.

    ``dtype='auto'`` (the tools' ``--amp`` alone) is bfloat16 where it pays:
    on a GPU, or on a CPU with native bfloat16 (AVX-512 BF16 or AMX). On a
    CPU without it bfloat16 is emulated and slower than float32
    (``EMULATED_BF16_SLOWDOWN``), so the config is left in float32 and a
    warning says so; ``dtype='bfloat16'`` turns it on anyway.

    Returns:
        str or None: The precision turned on (``'bfloat16'`` or
        ``'float16'``), None where the config stays in float32.
    """
    if dtype not in ('auto', 'bfloat16', 'float16'):
        raise ConfigError(
            f'mixed precision is auto, bfloat16 or float16, got "{dtype}"')
    if cuda is None:
        cuda = torch.cuda.is_available()
    if dtype == 'auto':
        if not cuda and not cpu_has_native_bf16():
            print_log(
                f'--amp: this CPU has no native bfloat16 '
                f'({describe_cpu_bf16()}; AVX-512 BF16 or AMX needed), '
                f'where bfloat16 autocast was measured '
                f'{EMULATED_BF16_SLOWDOWN} slower than float32: training in '
                'float32 (--amp bfloat16 forces bfloat16)',
                logger='current',
                level=logging.WARNING)
            return None
        dtype = 'bfloat16'
    if dtype == 'float16' and not cuda:
        raise ConfigError('float16 mixed precision needs a GPU (its loss '
                          'scaling is CUDA AMP); use bfloat16 on a CPU')
    if dtype == 'bfloat16' and cuda and torch.cuda.is_available() and \
            not torch.cuda.is_bf16_supported():
        raise ConfigError('this GPU has no bfloat16 (before Ampere): use '
                          '--amp float16 (CUDA AMP with loss scaling)')
    for wrapper in _optim_wrapper_cfgs(cfg):
        if dtype == 'float16':
            wrapper['type'] = 'AmpOptimWrapper'
            wrapper['loss_scale'] = 'dynamic'
            wrapper.pop('dtype', None)
        else:
            wrapper['type'] = 'AutocastOptimWrapper'
            wrapper['dtype'] = 'bfloat16'
    return dtype


COMPILE_MODES = ('default', 'reduce-overhead', 'max-autotune')


def add_speed_arguments(parser, amp_alone: str = 'auto') -> None:
    """The tools' ``--amp [auto|bfloat16|float16]`` and ``--compile
    [MODE]`` (``tools/train.py``,
    ``tools/analysis_tools/benchmark.py``); see
    :func:`apply_speed_arguments`. ``amp_alone`` is what ``--amp`` without
    a value means: ``'auto'`` for training, ``'bfloat16'`` for a tool that
    measures bfloat16 itself."""
    parser.add_argument(
        '--amp',
        nargs='?',
        const=amp_alone,
        choices=('auto', 'bfloat16', 'float16'),
        help=f'mixed precision (alone: {amp_alone}). auto: bfloat16 '
        'autocast where the device runs it natively (a GPU, or a CPU with '
        'AVX-512 BF16 or AMX), else float32 with a warning; bfloat16: '
        'bfloat16 autocast on any device; float16: CUDA AMP with loss '
        'scaling')
    parser.add_argument(
        '--compile',
        nargs='?',
        const='default',
        choices=COMPILE_MODES,
        help='torch.compile the GAN\'s networks (reduce-overhead: CUDA '
        'graphs on a GPU)')


def apply_speed_arguments(cfg: Config,
                          args,
                          cuda: bool = None) -> Optional[str]:
    """``--amp`` (:func:`set_amp`) and ``--compile`` (the model's
    ``compile_cfg``) on ``cfg``. Returns the mixed precision turned on, or
    None (float32)."""
    precision = set_amp(cfg, cuda=cuda, dtype=args.amp) if args.amp else None
    if args.compile:
        cfg.model.compile_cfg = dict(mode=args.compile)
    return precision


# optimizers with a fused implementation (one kernel over all parameters)
FUSED_OPTIMIZERS = ('Adam', 'AdamW', 'SGD')


def fused_optimizers_on_cuda(cfg: Config, cuda: bool = None) -> None:
    """On a GPU, Adam, AdamW and SGD optimizers whose config says nothing
    about ``fused`` or ``foreach`` run fused: one kernel updates every
    parameter, and a GAN's non-finite checks stay on the device (the fused
    step skips itself, see ``FiniteUpdates`` in
    ``vosgan_mm/models/gans/finite_updates.py``). Nothing changes on
    a CPU, where the fused step rounds differently from the plain one and would
    change the published runs."""
    if cuda is None:
        cuda = torch.cuda.is_available()
    if not cuda:
        return
    for wrapper in _optim_wrapper_cfgs(cfg):
        optimizer = wrapper.get('optimizer')
        if isinstance(optimizer, dict) and optimizer.get(
                'type') in FUSED_OPTIMIZERS and not {'fused', 'foreach'
                                                     } & set(optimizer):
            optimizer['fused'] = True


def apply_run_flags(cfg: Config,
                    seed: Optional[int] = None,
                    deterministic: bool = False,
                    auto_scale_lr: bool = False) -> None:
    """MMAction2's training flags on a config: ``seed`` sets
    ``randomness.seed`` (and ``model.noise_seed`` where the model has
    one, as every GAN of this package does), ``deterministic`` sets
    ``randomness.deterministic``, ``auto_scale_lr`` turns on
    ``auto_scale_lr`` (a :class:`ConfigError` where the config gives no
    ``base_batch_size``)."""
    if seed is not None or deterministic:
        # MMEngine's Runner needs a seed entry (None: drawn at random)
        randomness = {'seed': None, **(cfg.get('randomness') or {})}
        if seed is not None:
            randomness['seed'] = seed
            if _takes(cfg.model, 'noise_seed'):
                cfg.model['noise_seed'] = seed
        if deterministic:
            randomness['deterministic'] = True
        cfg.randomness = randomness
    if auto_scale_lr:
        scaling = cfg.get('auto_scale_lr')
        if not scaling or 'base_batch_size' not in scaling:
            source = getattr(cfg, 'filename', None) or 'config'
            raise ConfigError(
                f'{source}: --auto-scale-lr needs auto_scale_lr = dict('
                'base_batch_size=...) in the config: the total batch size '
                'its learning rates are set for')
        scaling['enable'] = True


def pin_memory_on_cuda(cfg: Config, cuda: bool = None) -> None:
    """On a GPU, data loaders whose config says nothing about
    ``pin_memory`` collate into pinned (page-locked) memory, and the GAN
    data preprocessor copies batches to the GPU without blocking, so that
    the copy overlaps the step. Nothing changes on a CPU (pinning needs an
    accelerator) or where the config sets either."""
    if cuda is None:
        cuda = torch.cuda.is_available()
    if not cuda:
        return
    for name in ('train_dataloader', 'val_dataloader', 'test_dataloader'):
        loader = cfg.get(name)
        if isinstance(loader, dict):
            loader.setdefault('pin_memory', True)
    preprocessor = cfg.get('model', {}).get('data_preprocessor')
    if isinstance(preprocessor, dict):
        if _takes(preprocessor, 'non_blocking'):
            preprocessor.setdefault('non_blocking', True)


def refuse_to_overwrite(work_dir: str, resuming: bool) -> None:
    """A new (not resumed) run must not write over an earlier run's
    checkpoints in the same work dir."""
    if resuming:
        return
    found = sorted(glob.glob(osp.join(work_dir, '*.pth')))
    if found:
        raise ConfigError(
            f'work dir {work_dir} already holds checkpoints of an earlier run '
            f'({osp.basename(found[-1])}...): pass --resume to continue it, '
            'or --work-dir to start a new run elsewhere')


def init_cpu_distributed(cfg: Config, cuda: bool = None) -> None:
    """Prepares ``--launcher pytorch`` on a machine without CUDA, which
    MMEngine 0.10.7 does not handle (it calls ``torch.cuda.set_device`` and
    gives DDP a device id): starts a gloo process group, which the Runner
    then uses as it is, and wraps the model without device ids. The rank
    and world size come from the launcher's environment (``torchrun``).
    Without CUDA the config's distributed backend reads ``gloo`` in any
    case, so that the logged config says what a CPU run uses."""
    if cuda is None:
        cuda = torch.cuda.is_available()
    dist_cfg = cfg.get('env_cfg', {}).get('dist_cfg')
    if not cuda and isinstance(dist_cfg, dict):
        dist_cfg['backend'] = 'gloo'
    if cfg.get('launcher', 'none') != 'pytorch' or cuda:
        return
    if not torch.distributed.is_initialized():
        torch.distributed.init_process_group(backend='gloo')
    wrapper = cfg.get('model_wrapper_cfg') or dict(
        type='MMDistributedDataParallel')
    wrapper['device_ids'] = None
    cfg.model_wrapper_cfg = wrapper


def _evaluators(cfg: Config) -> list:
    evaluator = cfg.get('test_evaluator')
    return list(evaluator) if isinstance(evaluator,
                                         (list, tuple)) else [evaluator]


def dump_predictions(cfg: Config, path: str) -> None:
    """``tools/test.py --dump``, as MMAction2's: MMEngine's ``DumpResults``
    joins the test metrics and pickles every prediction to ``path``."""
    if not path.endswith(('.pkl', '.pickle')):
        raise ConfigError(f'--dump {path}: the file must be a .pkl or '
                          '.pickle file')
    cfg.test_evaluator = _evaluators(cfg) + [
        dict(type='DumpResults', out_file_path=path)
    ]


def show_segmentation(cfg: Config, folder: str) -> None:
    """``tools/test.py --show-dir``: each frame's predicted mask and an
    overlay under ``folder`` (:class:`SegmentationDumpHook`), for the
    configs that test a segmenter."""
    segmentation = [
        e for e in _evaluators(cfg) if isinstance(e, dict)
        and builds_a(METRICS, e.get('type'), VideoSegmentationMetric)
    ]
    if not segmentation:
        source = getattr(cfg, 'filename', None) or 'config'
        raise ConfigError(
            f'--show-dir writes predicted masks: {source} tests no '
            'segmenter (no VideoSegmentationMetric in test_evaluator)')
    threshold = segmentation[0].get('threshold', 0.5)
    cfg.custom_hooks = list(cfg.get('custom_hooks') or []) + [
        dict(type='SegmentationDumpHook', out_dir=folder, threshold=threshold)
    ]


# ------------------------------------------------------------ tools/test.py
def _pretrained_entry(init_cfg) -> Optional[dict]:
    """The entry of an ``init_cfg`` (a dict or a list of them) that loads a
    checkpoint, if any."""
    entries = init_cfg if isinstance(init_cfg, (list, tuple)) else [init_cfg]
    return next((e for e in entries if loads_checkpoint(e)), None)


def set_test_checkpoint(cfg: Config,
                        checkpoint: Optional[str]) -> Optional[str]:
    """Where ``tools/test.py CONFIG CHECKPOINT`` loads ``checkpoint`` from.

    A checkpoint of the model itself is loaded as it is (``load_from``).
    A model whose ``init_cfg`` takes its weights from a part of a bigger
    checkpoint (a segmenter from a GAN's ``discriminator.``) takes a
    checkpoint with weights under that prefix through its ``init_cfg``,
    which then names it: the "adversarial" scenario is tested with the GAN
    checkpoint it names. Returns a line saying so, or None.
    """
    cfg.load_from = checkpoint
    entry = _pretrained_entry(cfg.model.get('init_cfg'))
    prefix = entry.get('prefix') if entry else None
    if checkpoint is None or not prefix:
        return None
    weights = weights_of(
        load_from_local_file(checkpoint, map_location='cpu'), checkpoint)
    if not any(key.startswith(prefix) for key in weights):
        return None  # e.g. a fine-tuned segmenter's own checkpoint
    entry['checkpoint'] = checkpoint
    cfg.load_from = None
    return (f'{checkpoint}: testing its weights under "{prefix}", as the '
            'config\'s model.init_cfg loads them')


def _fits(module: torch.nn.Module, weights: dict) -> bool:
    own = module.state_dict()
    missing, _, wrong_shape = state_dict_mismatch(
        own, weights)
    return not (missing or wrong_shape)


def _part_of_bigger_checkpoint(model: torch.nn.Module, weights: dict):
    """``(prefix, name)`` where the weights under ``prefix`` of a checkpoint
    of a bigger model (a GAN's ``discriminator.``) fit the whole model
    (``name`` ''), or else its child ``name``; None where nothing fits or
    where the checkpoint is of the model's kind (its own top-level names
    are there: a checkpoint of another version or width, which the loader
    names key by key)."""
    prefixes = sorted({key.split('.')[0] for key in weights if '.' in key})
    if set(prefixes) & {key.split('.')[0] for key in model.state_dict()}:
        return None
    parts = {
        prefix: {
            key[len(prefix) + 1:]: value
            for key, value in weights.items() if key.startswith(prefix + '.')
        }
        for prefix in prefixes
    }
    for name, module in [('', model), *model.named_children()]:
        if next(module.parameters(), None) is None:
            continue
        for prefix, part in parts.items():
            if _fits(module, part):
                return f'{prefix}.', name
    return None


def check_test_weights(runner, allow_random_weights: bool = False) -> None:
    """``tools/test.py``'s checks of where the built model's weights come
    from, before any is loaded or anything scored:

    - a checkpoint of a bigger model (a GAN's, for a segmenter or a
      recognizer) that the config does not take by prefix is a
      :class:`ConfigError` naming the part that fits and the options that
      test it;
    - without a checkpoint, parameters that no ``init_cfg`` loads would be
      scored at random: a :class:`ConfigError`, unless
      ``allow_random_weights``. A model without parameters (the label-free
      baselines) needs no weights.
    """
    model = runner.model.module if is_model_wrapper(
        runner.model) else runner.model
    cfg = runner.cfg
    source = getattr(cfg, 'filename', None) or 'config'
    name = type(model).__name__
    checkpoint = cfg.get('load_from')
    if checkpoint:
        weights = weights_of(
            load_from_local_file(checkpoint, map_location='cpu'), checkpoint)
        found = _part_of_bigger_checkpoint(model, weights)
        if found is None:
            return  # the loader names any other mismatch
        prefix, child = found
        networks = sorted({k.split('.')[0] for k in weights if '.' in k})
        held = (f'{checkpoint} holds the networks {", ".join(networks)}, '
                f'not {name}\'s weights')
        init = 'StrictPretrained' if cfg.get(
            'default_scope') == 'vosgan_mm' else 'vosgan_mm.StrictPretrained'
        key = f'model.{child}.init_cfg' if child else 'model.init_cfg'
        options = (f'--cfg-options {key}.type={init} '
                   f'{key}.checkpoint={checkpoint} {key}.prefix={prefix}')
        if child:
            rest = [
                n for n, m in model.named_children()
                if n != child and next(m.parameters(), None) is not None
            ]
            raise ConfigError(
                f'{held}: its "{prefix}" part fits model.{child} alone, and '
                f'{", ".join(rest) or "the rest"} would stay untrained; '
                f'train from it (tools/train.py {source} {options}) and test '
                'the checkpoint that training writes')
        raise ConfigError(f'{held}: to test its "{prefix}" part, give no '
                          f'checkpoint and {options}')
    loaded = set()
    for path, module in model.named_modules():
        if _pretrained_entry(getattr(module, 'init_cfg', None)):
            loaded.update(f'{path}.{key}' if path else key
                          for key, _ in module.named_parameters())
    untrained = [k for k, _ in model.named_parameters() if k not in loaded]
    if not untrained or allow_random_weights:
        return
    if not loaded:
        what = f'no init_cfg of {name} loads weights'
    else:
        modules = sorted({key.rsplit('.', 1)[0] for key in untrained})
        what = (f'the weights of {name}\'s {", ".join(modules[:5])}'
                f'{", ..." if len(modules) > 5 else ""} come from no '
                'init_cfg')
    raise ConfigError(
        f'{source}: no checkpoint given and {what}: the test would score '
        'random weights; give a CHECKPOINT, or --allow-random-weights to '
        'score them anyway')


def check_test_set_size(runner, split: str = 'test') -> None:
    """Metrics that need some number of videos (the inception score, one
    a split: their ``too_few_videos``) against the length of the data set
    the test loop scores (``split``: which one it is, for the message),
    before the test runs: a :class:`ConfigError` naming the metric."""
    loop = runner.test_loop  # builds the test data set and the metrics
    num_videos = len(loop.dataloader.dataset)
    for metric in loop.evaluator.metrics:
        problem = getattr(metric, 'too_few_videos', lambda n: None)(num_videos)
        if problem:
            source = getattr(runner.cfg, 'filename', None) or 'config'
            raise ConfigError(
                f'{source}: {split}_evaluator {type(metric).__name__}: '
                f'{problem} in the {split} set')
