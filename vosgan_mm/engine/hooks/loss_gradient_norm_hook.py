import json
import os.path as osp
from typing import List

from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.model import is_model_wrapper

from vosgan_mm.registry import HOOKS


@HOOKS.register_module()
class LossGradientNormHook(Hook):
    """Reports, every ``interval`` iterations, the norm of the gradient that
    each of the discriminator's loss terms sends into one of its
    sub-modules (by default the shared encoder): which terms actually
    shape the features that segmentation and recognition reuse.

    It calls the model's ``discriminator_gradient_norms`` on that
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
        model = runner.model
        if is_model_wrapper(model):
            model = model.module
        norms = model.discriminator_gradient_norms(data_batch, self.module,
                                                   self.seed)
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
