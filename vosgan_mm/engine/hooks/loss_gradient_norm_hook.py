import json
import os.path as osp
from contextlib import nullcontext
from typing import Dict, List

import torch
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from vosgan_mm.registry import HOOKS


def _unwrap(network: torch.nn.Module) -> torch.nn.Module:
    return network.module if is_model_wrapper(network) else network


def discriminator_gradient_norms(model: torch.nn.Module,
                                 data: dict,
                                 module: str = 'encoder',
                                 seed: int = 0) -> Dict[str, float]:
    """The L2 norm of the gradient that each of D's loss terms (as weighted
    in the loss) sends into ``discriminator.<module>``'s parameters, on the
    real batch ``data`` and fakes from noise ``seed``.

    ``model`` is a GAN of the toolbox (a :class:`VideoGAN`, not wrapped):
    its ``data_preprocessor``, ``sample_latents``, ``generator``,
    ``discriminator`` and ``discriminator_loss`` are used. Nothing is
    updated: gradients are taken with ``torch.autograd.grad`` and the
    batch-norm running statistics of G and D are restored afterwards, so
    training goes on as if this had not run.

    Returns:
        dict: ``{loss name: gradient norm}``.
    """
    generator = _unwrap(model.generator)
    discriminator = _unwrap(model.discriminator)
    try:
        target = discriminator.get_submodule(module)
    except AttributeError:
        raise AttributeError(f'{type(discriminator).__name__} has no '
                             f'sub-module "{module}"') from None
    params = [p for p in target.parameters() if p.requires_grad]
    buffers = [(b, b.detach().clone()) for net in (generator, discriminator)
               for b in net.buffers()]
    # under distributed training only the main process runs this: keep D's
    # wrapper from expecting a backward pass to synchronise
    no_sync = getattr(model.discriminator, 'no_sync', nullcontext)
    try:
        data = model.data_preprocessor(data, True)
        inputs = data['inputs']
        latents = model.sample_latents(inputs['video'].shape[0], seed)
        with torch.no_grad():
            fake = generator(**latents)
        with no_sync():
            losses = model.discriminator_loss(inputs, fake)
        norms = {}
        for name, value in losses.items():
            grads = torch.autograd.grad(
                value, params, retain_graph=True, allow_unused=True)
            norms[name] = float(
                torch.sqrt(
                    sum(g.float().pow(2).sum() for g in grads
                        if g is not None)))
        return norms
    finally:
        with torch.no_grad():
            for buffer, saved in buffers:
                buffer.copy_(saved)


@HOOKS.register_module()
class LossGradientNormHook(Hook):
    """Reports, every ``interval`` iterations, the norm of the gradient that
    each of the discriminator's loss terms sends into one of its
    sub-modules (by default the shared encoder): which terms actually
    shape the features that segmentation and recognition reuse.

    It measures them with :func:`discriminator_gradient_norms` on that
    iteration's real batch, which updates nothing. The norms go to the log,
    to the visualizer's scalars (``grad_norm/<term>``) and to
    ``<work_dir>/<out_file>``.

    Args:
        interval (int): Iterations between reports. Defaults to 100.
        module (str): Sub-module of the discriminator. Defaults to
            ``'encoder'``.
        seed (int): Seed of the fakes' noise. Defaults to 0.
        out_file (str): JSON file in the work dir. Defaults to
            ``'gradient_norms.json'``.
    """

    priority = 'LOW'

    def __init__(self,
                 interval: int = 100,
                 module: str = 'encoder',
                 seed: int = 0,
                 out_file: str = 'gradient_norms.json'):
        self.interval = interval
        self.module = module
        self.seed = seed
        self.out_file = out_file
        self.records: List[dict] = []

    def before_train(self, runner) -> None:
        path = osp.join(runner.work_dir, self.out_file)
        if is_main_process() and osp.isfile(path):  # a resumed run
            with open(path) as f:  # continues its record
                self.records = [
                    r for r in json.load(f) if r['iter'] <= runner.iter
                ]

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None) -> None:
        if not is_main_process() or data_batch is None:
            return
        if not (self.every_n_train_iters(runner, self.interval)
                or runner.iter == 0):
            return
        norms = discriminator_gradient_norms(
            _unwrap(runner.model), data_batch, self.module, self.seed)
        iteration = runner.iter + 1
        self.records.append(dict(iter=iteration, **norms))
        text = '  '.join(f'{k} {v:.3g}' for k, v in norms.items())
        runner.logger.info(f'gradient norms into discriminator.{self.module} '
                           f'at iteration {iteration}: {text}')
        runner.visualizer.add_scalars(
            {
                f'grad_norm/{k}': v
                for k, v in norms.items()
            }, step=iteration)
        with open(osp.join(runner.work_dir, self.out_file), 'w') as f:
            json.dump(self.records, f, indent=1)
