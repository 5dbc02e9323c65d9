"""Time training steps of a GAN config at its full size.

    python tools/analysis_tools/benchmark.py CONFIG [--iters 5] [--warmup 1]
        [--amp [auto|bfloat16|float16]] [--compile [MODE]]
        [--device cuda] [--peak-tflops T] [--runner] [--precision-steps 3]
        [--cfg-options ...] [--json out.json]

Times the steps first, without the profiler, and prints seconds per step
and samples/s; then profiles as many steps again and prints, per
iteration, the host reads of device values (`.item()` and the like:
each a host synchronisation on a GPU; reads inside CPU kernels left out),
the operator calls Python makes (on CPU, the stand-in for kernel
launches), and on CUDA the kernel launches and the runtime calls that
wait for the device; on CPU also how the step splits between G's forward
(for the D step), the D step (without flow targets), flow targets and
the G step, from the profiled steps (on CUDA the profiler's CPU times of
asynchronous work would mislead). It also prints the data loader's
seconds per batch (measured on its own, with the config's workers), peak
memory (RSS on CPU, allocated on CUDA) and FLOP utilisation: the step's
FLOPs counted from its layers (PyTorch's FLOP counter: convolutions,
matrix products and their backward passes) per second, over the device's
dense peak (found from the GPU's name or the CPU's current clock in
/proc/cpuinfo and its vector units, printed; or given with --peak-tflops;
an unknown peak leaves the utilisation out). --amp trains in bfloat16
autocast (on any CPU: this tool measures it; --amp auto as tools/train.py),
--amp float16 with CUDA AMP; on CUDA, Adam runs fused as in
tools/train.py.

With --runner it also times the same number of iterations driven by
MMEngine's Runner (its loop, hooks and optimizer wrappers, data from the
loader) and a bare PyTorch step of the same networks and losses (plain
optimizers, one fixed batch), alternating: bare, Runner, bare, ...
(--runner-rounds Runner timings), and prints the ratio of their medians;
every timing goes into the JSON, so that drift shows; and the host reads
(on CUDA the synchronisations) of a Runner-driven iteration, hooks
included, outside logging and checkpoint iterations. With
--precision-steps N it trains N steps from the same weights, batch and noise
in float32 and in mixed precision and prints the largest absolute
difference of each loss term (all losses in the JSON).
"""

import argparse
import copy
import json
import os
import resource
import statistics
import tempfile
import time
from typing import Callable, Optional, Tuple

import torch
from mmengine.hooks import Hook
from mmengine.optim import build_optim_wrapper
from mmengine.registry import DefaultScope
from torch.profiler import ProfilerActivity, profile
from torch.utils.flop_counter import FlopCounterMode

import vosgan_mm  # noqa: F401
from vosgan_mm.engine import (VOSGANRunner, add_speed_arguments,
                              apply_speed_arguments, fused_optimizers_on_cuda,
                              pin_memory_on_cuda, set_amp)
from vosgan_mm.registry import MODELS, RUNNERS
from vosgan_mm.utils import (cuda_kernel_launches, cuda_synchronisations,
                             host_reads, operator_calls, read_config)
from vosgan_mm.utils.cpu_features import describe_cpu_bf16
from vosgan_mm.utils.tool_arguments import add_config_arguments
from vosgan_mm.utils.tool_errors import run_tool

# Dense peak TFLOP/s of data-centre GPUs (vendor figures, no sparsity). fp32
# convolutions and matmuls run as TF32 on these by PyTorch's default for
# cuDNN convolutions, so 'fp32' here is the TF32 tensor-core peak.
CUDA_PEAK_TFLOPS = {
    'H200': dict(fp32=494.7, bf16=989.4, fp16=989.4),
    'H100 80GB HBM3': dict(fp32=494.7, bf16=989.4, fp16=989.4),  # SXM
    'H100 PCIe': dict(fp32=378.0, bf16=756.0, fp16=756.0),
    'H100 NVL': dict(fp32=417.5, bf16=835.0, fp16=835.0),
    'A100': dict(fp32=156.0, bf16=312.0, fp16=312.0),
}


def count_flops(step: Callable[[], object]) -> int:
    """FLOPs of running ``step`` once, by PyTorch's FLOP counter
    (convolutions, matrix products and their backward passes; a
    multiply-add counts 2). The counter does not credit backward passes
    to the modules that own them, so only the total is given."""
    with FlopCounterMode(display=False) as counter:
        step()
    return counter.get_total_flops()


def _cpu_flags() -> Tuple[str, int, set, Optional[float]]:
    vendor, family, flags, mhz = '', 0, set(), None
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                key, _, value = (part.strip() for part in line.partition(':'))
                if key == 'vendor_id':
                    vendor = value
                elif key == 'cpu family':
                    family = int(value)
                elif key == 'flags':
                    flags = set(value.split())
                elif key == 'cpu MHz':
                    mhz = max(mhz or 0.0, float(value))
    except OSError:
        pass
    return vendor, family, flags, mhz


def cpu_flops_per_cycle(vendor: str, family: int, flags: set,
                        dtype: str) -> Tuple[int, str]:
    """Dense FLOPs per cycle and core of this CPU's widest multiply-add
    units for ``dtype`` ('fp32' or 'bf16'), and what that assumes."""
    if 'avx512f' in flags:
        if vendor == 'AuthenticAMD' and family < 26:
            fp32, unit = 32, 'AVX-512 on two 256-bit FMA pipes (Zen 4)'
        else:
            fp32, unit = 64, 'two 512-bit FMA pipes'
    elif 'avx2' in flags and 'fma' in flags:
        fp32, unit = 32, 'two 256-bit FMA pipes'
    else:
        fp32, unit = 8, 'SSE'
    if dtype == 'fp32':
        return fp32, unit
    if 'amx_bf16' in flags:
        return 1024, 'AMX bf16 tiles'
    if 'avx512_bf16' in flags:
        return 2 * fp32, f'AVX-512 bf16 dot products ({unit})'
    return fp32, f'no native bf16 ({unit})'


def dense_peak_flops(device: torch.device,
                     dtype: str,
                     threads: Optional[int] = None) -> Tuple[float, str]:
    """The device's dense peak in FLOP/s for ``dtype`` ('fp32', 'bf16' or
    'fp16') and how it was found. Raises ``ValueError`` when it is not
    known (pass the peak by hand then)."""
    device = torch.device(device)
    if device.type == 'cuda':
        name = torch.cuda.get_device_name(device)
        for key, peaks in CUDA_PEAK_TFLOPS.items():
            if key in name:
                return peaks[dtype] * 1e12, f'{name}: {peaks[dtype]} TFLOP/s'
        raise ValueError(f'no dense peak known for {name}; give it with '
                         '--peak-tflops')
    vendor, family, flags, mhz = _cpu_flags()
    if not mhz:
        raise ValueError('the CPU clock is not in /proc/cpuinfo; give the '
                         'peak with --peak-tflops')
    cores = threads or torch.get_num_threads() or os.cpu_count() or 1
    per_cycle, unit = cpu_flops_per_cycle(vendor, family, flags, dtype)
    peak = cores * mhz * 1e6 * per_cycle
    return peak, (f'{cores} cores x {mhz / 1e3:.2f} GHz x {per_cycle} '
                  f'{dtype} FLOP/cycle ({unit})')


PHASES = ('vosgan.g_forward', 'vosgan.d_step', 'vosgan.flow_target',
          'vosgan.g_step')


def parse_args():
    parser = argparse.ArgumentParser(description='Time GAN training steps')
    parser.add_argument('config', help='GAN config file path')
    parser.add_argument(
        '--iters',
        type=int,
        default=5,
        help='timed training steps (default: %(default)s)')
    parser.add_argument(
        '--warmup',
        type=int,
        default=1,
        help='untimed steps before the timed ones (default: %(default)s)')
    parser.add_argument(
        '--data-batches',
        type=int,
        default=5,
        help='batches the data loader is timed on (default: %(default)s)')
    # --amp alone measures bfloat16, on any CPU; the compile happens in the
    # warm-up steps
    add_speed_arguments(parser, amp_alone='bfloat16')
    # the shared help of these two leaves their default to tools/train.py's
    # formatter; this tool writes its defaults out
    parser._option_string_actions['--amp'].help += (
        ' (default: none, the config\'s precision)')
    parser._option_string_actions['--compile'].help += (
        ' (default: none, the config\'s compile_cfg)')
    parser.add_argument(
        '--runner',
        action='store_true',
        help='also time Runner-driven and bare PyTorch steps '
        '(default: False)')
    parser.add_argument(
        '--runner-rounds',
        type=int,
        default=2,
        help='Runner timings, each between two bare ones '
        '(default: %(default)s)')
    parser.add_argument(
        '--device',
        default='cuda' if torch.cuda.is_available() else 'cpu',
        help='where the model runs (default: cuda if available, else cpu)')
    parser.add_argument(
        '--peak-tflops',
        type=float,
        help='dense peak of the device at the step\'s precision, in '
        'TFLOP/s (default: looked up)')
    parser.add_argument(
        '--precision-steps',
        type=int,
        default=0,
        help='compare this many steps\' losses in fp32 and mixed precision; '
        '0: no comparison (default: %(default)s)')
    parser.add_argument(
        '--json', help='also write the figures here (default: none)')
    add_config_arguments(parser)
    return parser.parse_args()


def synchronize(device) -> None:
    """Waits for the device's queued work (CUDA runs asynchronously)."""
    device = torch.device(device)
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def time_data(cfg, num_batches):
    loader = VOSGANRunner.build_dataloader(cfg.train_dataloader, seed=0)
    it = iter(loader)
    batch = next(it)  # workers start
    start = time.perf_counter()
    for _ in range(num_batches):
        next(it)
    return batch, (time.perf_counter() - start) / num_batches


class IterStart(Hook):
    """Notes when an iteration's hooks begin (after the data arrived)."""

    def __init__(self, clock: dict):
        self.clock = clock

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        synchronize(runner.model.train_iters.device)
        self.clock['start'] = time.perf_counter()


class IterEnd(Hook):
    """Notes when an iteration's last hook is done."""

    def __init__(self, clock: dict, skip: int):
        self.clock = clock
        self.skip = skip

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None):
        synchronize(runner.model.train_iters.device)
        if runner.iter >= self.skip:
            self.clock['times'].append(time.perf_counter() -
                                       self.clock['start'])


def runner_step_seconds(cfg, warmup: int, iters: int) -> float:
    """Seconds per iteration driven by the Runner: the train step and every
    hook (logging, checkpoint checks, timers), without the data wait."""
    cfg = copy.deepcopy(cfg)
    cfg.work_dir = tempfile.mkdtemp(prefix='benchmark_')
    cfg.train_cfg = dict(type='IterBasedTrainLoop', max_iters=warmup + iters)
    cfg.custom_hooks = []
    cfg.default_hooks.checkpoint = dict(
        type='AtomicCheckpointHook', interval=10**9)
    runner = RUNNERS.build(cfg)
    clock = dict(times=[])
    runner.register_hook(IterStart(clock), priority='HIGHEST')
    runner.register_hook(IterEnd(clock, skip=warmup), priority='LOWEST')
    runner.train()
    return sum(clock['times']) / len(clock['times'])


class ProfileStart(Hook):
    """Starts a profile of each iteration after ``skip`` but the last,
    before its first hook."""

    def __init__(self, profiles: dict, skip: int, activities: list):
        self.profiles = profiles
        self.skip = skip
        self.activities = activities

    def before_train_iter(self, runner, batch_idx, data_batch=None):
        last = runner.iter + 1 == runner.max_iters  # logs and saves
        if runner.iter >= self.skip and not last:
            self.profiles['now'] = profile(activities=self.activities)
            self.profiles['now'].__enter__()


class ProfileEnd(Hook):
    """Ends the iteration's profile after its last hook and counts it."""

    def __init__(self, profiles: dict):
        self.profiles = profiles

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None):
        prof = self.profiles.pop('now', None)
        if prof is not None:
            prof.__exit__(None, None, None)
            events = prof.events()
            self.profiles['counts'].append(
                (host_reads(events), cuda_synchronisations(events)))


def runner_reads_per_iteration(cfg, warmup: int, iters: int,
                               cuda: bool) -> dict:
    """Host reads (and on CUDA synchronisations) of a Runner-driven
    iteration, hooks included, outside logging and checkpoint iterations:
    the iterations after ``warmup`` but the last (which logs and saves)."""
    cfg = copy.deepcopy(cfg)
    cfg.work_dir = tempfile.mkdtemp(prefix='benchmark_')
    cfg.train_cfg = dict(
        type='IterBasedTrainLoop', max_iters=warmup + iters + 1)
    cfg.custom_hooks = []
    cfg.default_hooks.logger = dict(type='LoggerHook', interval=10**9)
    cfg.default_hooks.checkpoint = dict(
        type='AtomicCheckpointHook', interval=10**9)
    activities = [ProfilerActivity.CPU
                  ] + ([ProfilerActivity.CUDA] if cuda else [])
    profiles = dict(counts=[])
    runner = RUNNERS.build(cfg)
    runner.register_hook(
        ProfileStart(profiles, warmup, activities), priority='HIGHEST')
    runner.register_hook(ProfileEnd(profiles), priority='LOWEST')
    runner.train()
    reads, syncs = zip(*profiles['counts'])
    figures = dict(runner_host_reads_per_iter=statistics.mean(reads))
    if cuda:
        figures['runner_cuda_synchronisations_per_iter'] = statistics.mean(
            syncs)
    return figures


def bare_step_seconds(model, batch, optim_wrapper_cfg, warmup: int,
                      iters: int) -> float:
    """The same step without the Runner and the optimizer wrappers: the
    config's optimizers (built by its constructor, then used bare), the
    model's D/G step counts, its ``reuse_fakes`` choice and its
    ``after_discriminator_update`` hook, plain autograd."""
    wrappers = build_optim_wrapper(model, copy.deepcopy(optim_wrapper_cfg))
    d_opt = wrappers['discriminator'].optimizer
    g_opt = wrappers['generator'].optimizer
    inputs = model.data_preprocessor(batch, True)['inputs']
    n = inputs['video'].shape[0]
    seed = 0
    times = []
    for i in range(warmup + iters):
        synchronize(inputs['video'].device)
        start = time.perf_counter()
        shared = None
        if getattr(model, 'reuse_fakes', False):  # one G pass, kept for G
            shared = model.generator(**model.sample_latents(n, seed))
            seed += 1
        for _ in range(model.discriminator_steps):
            if shared is None:
                with torch.no_grad():
                    fake = model.generator(**model.sample_latents(n, seed))
                seed += 1
            else:
                fake = {k: v.detach() for k, v in shared.items()}
            d_loss = sum(model.discriminator_loss(inputs, fake).values())
            d_opt.zero_grad()
            d_loss.backward()
            d_opt.step()
            model.after_discriminator_update()
        model.discriminator.requires_grad_(False)
        for _ in range(model.generator_steps):
            fake = shared
            if fake is None:
                fake = model.generator(**model.sample_latents(n, seed))
                seed += 1
            g_loss = sum(model.generator_loss(fake).values())
            g_opt.zero_grad()
            g_loss.backward()
            g_opt.step()
        model.discriminator.requires_grad_(True)
        synchronize(inputs['video'].device)
        if i >= warmup:
            times.append(time.perf_counter() - start)
    return sum(times) / len(times)


def build_model(cfg, device):
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    model.init_weights()
    return model.to(device)


def precision_comparison(cfg, batch, steps: int, device, dtype: str) -> dict:
    """Losses of the first ``steps`` steps in fp32 and in mixed precision
    (same weights, batch and noise), and the largest absolute difference of
    each term."""
    losses = {}
    for precision in ('fp32', 'mixed'):
        run_cfg = copy.deepcopy(cfg)
        if precision == 'mixed':
            set_amp(run_cfg, cuda=device.type == 'cuda', dtype=dtype)
        model = build_model(run_cfg, device)
        optim = build_optim_wrapper(model, run_cfg.optim_wrapper)
        losses[precision] = [{
            k: v.item()
            for k, v in model.train_step(batch, optim).items()
        } for _ in range(steps)]
    worst = {}
    for key in losses['fp32'][0]:
        worst[key] = max(
            abs(m[key] - f[key])
            for f, m in zip(losses['fp32'], losses['mixed']))
    return dict(losses=losses, max_abs_difference=worst)


def main():
    args = parse_args()
    cfg = read_config(args.config, args.cfg_options)
    device = torch.device(args.device)
    fp32_cfg = copy.deepcopy(cfg)
    cuda = device.type == 'cuda'
    amp = apply_speed_arguments(cfg, args, cuda=cuda)
    if args.runner and amp:
        raise SystemExit('--runner compares fp32 steps; drop --amp')
    precision = dict(bfloat16='bf16', float16='fp16').get(amp, 'fp32')
    if args.peak_tflops:
        peak, peak_source = args.peak_tflops * 1e12, 'given'
    else:
        try:
            peak, peak_source = dense_peak_flops(device, precision)
        except ValueError as error:
            peak, peak_source = None, str(error)
    pin_memory_on_cuda(cfg, cuda=cuda)
    fused_optimizers_on_cuda(cfg, cuda=cuda)
    DefaultScope.get_instance('benchmark', scope_name=cfg.default_scope)
    batch, data_s = time_data(cfg, args.data_batches)
    model = build_model(cfg, device)
    optim = build_optim_wrapper(model, cfg.optim_wrapper)
    for _ in range(args.warmup):
        model.train_step(batch, optim)
    if cuda:
        torch.cuda.reset_peak_memory_stats(device)

    # time first: the profiler's own work stays out of the step time
    synchronize(device)
    start = time.perf_counter()
    for _ in range(args.iters):
        model.train_step(batch, optim)
    synchronize(device)
    step_s = (time.perf_counter() - start) / args.iters

    # then profile as many steps again
    activities = [ProfilerActivity.CPU]
    if cuda:
        activities.append(ProfilerActivity.CUDA)
    start = time.perf_counter()
    with profile(activities=activities) as prof:
        for _ in range(args.iters):
            model.train_step(batch, optim)
        synchronize(device)
    profiled_step_s = (time.perf_counter() - start) / args.iters
    phase_ms = dict.fromkeys(PHASES, 0.0)
    for event in prof.key_averages():
        if event.key in phase_ms:
            phase_ms[event.key] = event.cpu_time_total / 1e3 / args.iters
    events = prof.events()
    counts = dict(
        host_reads_per_iter=host_reads(events) / args.iters,
        operator_calls_per_iter=operator_calls(events) / args.iters)
    if cuda:
        counts.update(
            cuda_kernel_launches_per_iter=cuda_kernel_launches(events) /
            args.iters,
            cuda_synchronisations_per_iter=cuda_synchronisations(events) /
            args.iters)
    flops = count_flops(lambda: model.train_step(batch, optim))

    batch_size = batch['inputs']['video'].shape[0]
    flow_ms = phase_ms['vosgan.flow_target']
    figures = dict(
        config=args.config,
        device=str(device),
        precision=precision,
        batch_size=batch_size,
        clip_shape=list(batch['inputs']['video'].shape[1:]),
        threads=torch.get_num_threads(),
        cpu=describe_cpu_bf16(),
        step_s=step_s,
        samples_per_s=batch_size / step_s)
    figures.update(counts)
    figures['profiled_step_s'] = profiled_step_s
    if not cuda:  # phases: CPU times under the profiler, shares of its step
        figures.update(
            g_forward_s=phase_ms['vosgan.g_forward'] / 1e3,
            d_step_without_flow_s=(phase_ms['vosgan.d_step'] - flow_ms) / 1e3,
            flow_targets_s=flow_ms / 1e3,
            flow_share_of_step=flow_ms / 1e3 / profiled_step_s,
            g_step_s=phase_ms['vosgan.g_step'] / 1e3)
    else:  # CPU times of asynchronous GPU work would mislead
        figures['phases'] = 'not split on CUDA'
    figures.update(
        data_s_per_batch=data_s,
        data_workers=cfg.train_dataloader.get('num_workers', 0),
        peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        step_gflop=flops / 1e9,
        achieved_tflops=flops / step_s / 1e12,
        peak_tflops=peak / 1e12 if peak else None,
        peak_source=peak_source,
        flop_utilisation=flops / step_s / peak if peak else None)
    if cuda:
        figures['peak_cuda_allocated_mib'] = \
            torch.cuda.max_memory_allocated(device) / 2**20
    if args.runner:  # bare and Runner alternate: drift shows as a spread
        bare, runner = [], []
        for _ in range(args.runner_rounds):
            bare.append(
                bare_step_seconds(model, batch, cfg.optim_wrapper, args.warmup,
                                  args.iters))
            runner.append(runner_step_seconds(cfg, args.warmup, args.iters))
        bare.append(
            bare_step_seconds(model, batch, cfg.optim_wrapper, args.warmup,
                              args.iters))
        figures['bare_step_s_rounds'] = bare
        figures['runner_step_s_rounds'] = runner
        figures['bare_step_s'] = statistics.median(bare)
        figures['runner_step_s'] = statistics.median(runner)
        figures['runner_over_bare'] = figures['runner_step_s'] / figures[
            'bare_step_s']
        figures.update(
            runner_reads_per_iteration(cfg, args.warmup, args.iters, cuda))
    if args.precision_steps:
        comparison = precision_comparison(fp32_cfg, batch,
                                          args.precision_steps, device,
                                          amp or 'bfloat16')
        figures['precision_losses'] = comparison['losses']
        figures['max_abs_loss_difference'] = comparison['max_abs_difference']
    for key, value in figures.items():
        if key == 'precision_losses':
            continue  # in the JSON
        if isinstance(value, dict):
            value = ', '.join(f'{k} {v:.3g}' for k, v in value.items())
        print(f'{key:>28}: {value:.4g}'
              if isinstance(value, float) else f'{key:>28}: {value}')
    print('(step_s without the profiler; counts and phase times from as '
          'many profiled steps; data loading is timed apart and overlaps '
          'the step when workers > 0)')
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(figures, f, indent=2)


if __name__ == '__main__':
    run_tool(main)
