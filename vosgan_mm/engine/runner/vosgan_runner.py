"""MMEngine's Runner with this package's checks: the one place where a run's
config is checked, a finished run is protected, and checkpoints are read
strictly and weights-only."""
import copy
import os.path as osp
import re
from typing import Callable, Union

import torch
from mmengine.config import Config
from mmengine.dist import is_main_process
from mmengine.model import is_model_wrapper
from mmengine.runner import Runner
from mmengine.runner.checkpoint import _load_checkpoint_to_model
from mmengine.utils.dl_utils import collect_env

from vosgan_mm.registry import RUNNERS
from vosgan_mm.utils import check_weights, load_from_local_file, weights_of

from ..hooks.atomic_checkpoint_hook import read_last_checkpoint
from ..train_config import (check_config, check_train_config,
                            fused_optimizers_on_cuda, init_cpu_distributed,
                            pin_memory_on_cuda, refuse_to_overwrite)
from .work_dir_lock import WorkDirLock


@RUNNERS.register_module()
class VOSGANRunner(Runner):
    """The Runner of every config of this package
    (``runner_type = 'VOSGANRunner'`` in ``_base_/default_runtime.py``; the
    tools, as MMAction2's, build ``RUNNERS.build(cfg)``). On top of
    MMEngine's Runner:

    - :meth:`from_cfg` checks the config first (every problem at once, each
      with its dotted key; the required keys of training where the config
      trains; a ``load_from`` file that does not exist), before MMEngine
      logs the environment and the config, and prepares the environment: ``gloo`` and the process group
      of ``--launcher pytorch`` on a machine without CUDA, pinned memory on
      CUDA.
    - :meth:`train` holds the work dir for the run (:class:`WorkDirLock`:
      a second run into it at the same time is an error naming the first)
      and refuses a work dir that holds an earlier run's checkpoints
      unless the run resumes, before anything is written there (the config
      copy too).
    - :meth:`load_checkpoint` (resume, ``load_from``, ``tools/test.py``)
      reads weights-only, names the file in every error, and is strict
      whatever its caller asks: missing keys, unexpected keys and shapes
      are one error listing them, before any weight is copied.
    - :meth:`test` without a checkpoint initialises the model from its
      ``init_cfg`` (a segmenter loading a trained discriminator).
    - The environment log names the number of processes and the device
      they run on (MMEngine's reads "GPU number: 1" on a CPU).
    """

    @classmethod
    def from_cfg(cls, cfg: Config) -> 'VOSGANRunner':
        cfg = copy.deepcopy(cfg)
        if cfg.get('train_cfg') is not None:
            check_train_config(cfg)
        else:
            check_config(cfg)
        load_from = cfg.get('load_from')
        if load_from is not None and not osp.isfile(load_from):
            raise FileNotFoundError(f'checkpoint not found: {load_from}')
        init_cpu_distributed(cfg)
        pin_memory_on_cuda(cfg)
        fused_optimizers_on_cuda(cfg)
        return super().from_cfg(cfg)

    def _log_env(self, env_cfg: dict) -> None:
        device = 'cuda' if torch.cuda.is_available() else 'cpu'
        runtime = dict(env_cfg, **self._randomness_cfg)
        runtime.update({
            'seed': self._seed,
            'Distributed launcher': self._launcher,
            'Distributed training': self._distributed,
            f'Processes ({device})': self._world_size,
        })
        sections = [('System environment', collect_env()),
                    ('Runtime environment', runtime)]
        text = '\n\n'.join(title + ':\n' +
                           '\n'.join(f'    {k}: {v}'
                                     for k, v in entries.items())
                           for title, entries in sections)
        rule = '-' * 60
        self.logger.info(f'\n{rule}\n{text}\n{rule}\n')
        if self.cfg._cfg_dict:
            self.logger.info(f'Config:\n{self.cfg.pretty_text}')

    # ------------------------------------------------------------- runs
    def dump_config(self) -> None:
        """The config is written when a run starts (:meth:`train`,
        :meth:`val`, :meth:`test`), after the work dir was checked."""

    def train(self):
        if not is_main_process():  # the ranks of one run share its dir
            return super().train()
        with WorkDirLock(self.work_dir):
            refuse_to_overwrite(self.work_dir, self._resume)
            super().dump_config()
            return super().train()

    def load_or_resume(self) -> None:
        """``--resume`` without a file resumes from what the work dir's
        ``last_checkpoint`` names, read relative to the work dir
        (:func:`read_last_checkpoint`), so that a moved or copied work dir
        resumes from its own checkpoint."""
        if self._resume and self._load_from is None and \
                not self._has_loaded:
            latest = read_last_checkpoint(self.work_dir)
            if latest is not None:
                self.logger.info(f'Resuming from {latest}, the work dir\'s '
                                 'last checkpoint')
                self._load_from = latest
        super().load_or_resume()

    def val(self) -> dict:
        super().dump_config()
        return super().val()

    def test(self) -> dict:
        super().dump_config()
        if self._load_from is None and not self._has_loaded:
            self._init_model_weights()
        return super().test()

    # ------------------------------------------------------- checkpoints
    def load_checkpoint(self,
                        filename: str,
                        map_location: Union[str, Callable] = 'cpu',
                        strict: bool = True,
                        revise_keys: list = [(r'^module.', '')]) -> dict:
        """Reads a local checkpoint weights-only and loads it strictly
        (``strict=False``, which MMEngine's resume and ``load_from`` pass,
        is not honoured). A missing file, a file that is not a checkpoint
        and weights of another model are errors naming the file."""
        checkpoint = load_from_local_file(filename, map_location)
        model = self.model.module if is_model_wrapper(
            self.model) else self.model
        self.call_hook('after_load_checkpoint', checkpoint=checkpoint)
        weights = {
            _revised(key, revise_keys): value
            for key, value in weights_of(checkpoint, filename).items()
        }
        check_weights(model.state_dict(), weights,
                      type(model).__name__, f'checkpoint {filename}')
        checkpoint = _load_checkpoint_to_model(
            model, checkpoint, strict=True, revise_keys=revise_keys)
        self._has_loaded = True
        self.logger.info(f'Load checkpoint from {filename}')
        return checkpoint


def _revised(key: str, revise_keys: list) -> str:
    for pattern, replacement in revise_keys:
        key = re.sub(pattern, replacement, key)
    return key
