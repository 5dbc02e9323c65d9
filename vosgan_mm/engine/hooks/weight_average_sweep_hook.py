import os.path as osp
from typing import Optional, Sequence

import torch
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import ExponentialMovingAverage, is_model_wrapper

from vosgan_mm.registry import HOOKS


@HOOKS.register_module()
class WeightAverageSweepHook(Hook):
    """Moving averages of one network's weights at several momenta, side by
    side, for choosing ``EMAHook``'s momentum from one run instead of one
    run per momentum. Training is not changed.

    From iteration ``begin_iter`` on (counted from 1, as ``EMAHook``
    counts it: the first average is a copy of the weights then), keeps an
    ``ExponentialMovingAverage`` of ``runner.model.<module>`` per momentum;
    at each iteration of ``save_at`` writes
    ``<module>_ema<momentum>_iter<N>.pth`` per momentum and
    ``<module>_raw_iter<N>.pth`` in the work dir, weights-only checkpoints
    whose keys start with ``<module>.`` as in the GAN's own checkpoints
    (a segmentation config reads them with ``init_cfg.checkpoint``).

    Args:
        momenta (Sequence[float]): Momenta of the averages.
        save_at (Sequence[int]): Iterations (counted from 1) to save at.
        module (str): The network averaged. Defaults to
            ``'discriminator'``.
        begin_iter (int): First iteration averaged. Defaults to 1.
    """

    priority = 'NORMAL'

    def __init__(self,
                 momenta: Sequence[float] = (0.01, 0.02, 0.05, 0.1),
                 save_at: Sequence[int] = (),
                 module: str = 'discriminator',
                 begin_iter: int = 1):
        if not momenta or not all(0 < m < 1 for m in momenta):
            raise ValueError('WeightAverageSweepHook needs momenta in (0, 1),'
                             f' got {list(momenta)}')
        self.momenta = tuple(momenta)
        self.save_at = set(save_at)
        self.module = module
        self.begin_iter = begin_iter
        self.averages: Optional[dict] = None

    def _network(self, runner) -> torch.nn.Module:
        model = runner.model
        model = model.module if is_model_wrapper(model) else model
        return getattr(model, self.module)

    def _save(self, runner, network: torch.nn.Module, name: str) -> None:
        weights = {
            f'{self.module}.{key}': value.detach().clone()
            for key, value in network.state_dict().items()
        }
        torch.save(
            dict(meta=dict(iter=runner.iter + 1), state_dict=weights),
            osp.join(runner.work_dir, name))

    def after_train_iter(self,
                         runner,
                         batch_idx,
                         data_batch=None,
                         outputs=None) -> None:
        iteration = runner.iter + 1
        if iteration < self.begin_iter:
            return
        network = self._network(runner)
        if self.averages is None:
            self.averages = {
                m: ExponentialMovingAverage(network, momentum=m)
                for m in self.momenta
            }
        for average in self.averages.values():
            average.update_parameters(network)
        if iteration in self.save_at and is_main_process():
            for momentum, average in self.averages.items():
                self._save(
                    runner, average.module,
                    f'{self.module}_ema{momentum:g}_iter{iteration}.pth')
            self._save(runner, network,
                       f'{self.module}_raw_iter{iteration}.pth')
