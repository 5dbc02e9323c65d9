import os.path as osp

from mmengine.dist import is_main_process
from mmengine.hooks import CheckpointHook

from vosgan_mm.registry import HOOKS
from vosgan_mm.utils import write_atomically


@HOOKS.register_module()
class AtomicCheckpointHook(CheckpointHook):
    """MMEngine's ``CheckpointHook`` that never loses a good checkpoint.

    - Checkpoints are written to a temporary file and renamed into place
      (the ``atomic_local`` file backend), so a crash mid-write leaves the
      previous files intact.
    - ``last_checkpoint`` is replaced atomically and only after the new
      checkpoint is complete.
    - With ``max_keep_ckpts``, the oldest checkpoint is removed only after
      the new one is saved (MMEngine removes it first).

    Args:
        **kwargs: Arguments of ``CheckpointHook``; ``backend_args`` defaults
            to ``dict(backend='atomic_local')``.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault('backend_args', dict(backend='atomic_local'))
        super().__init__(**kwargs)

    def _save_checkpoint_with_step(self, runner, step, meta):
        ckpt_filename = self.filename_tmpl.format(step)
        self.last_ckpt = self.file_backend.join_path(self.out_dir,
                                                     ckpt_filename)
        runner.message_hub.update_info('last_ckpt', self.last_ckpt)
        runner.save_checkpoint(
            self.out_dir,
            ckpt_filename,
            self.file_client_args,
            save_optimizer=self.save_optimizer,
            save_param_scheduler=self.save_param_scheduler,
            meta=meta,
            by_epoch=self.by_epoch,
            backend_args=self.backend_args,
            **self.args)
        if is_main_process():
            write_atomically(
                self.last_ckpt.encode(),
                osp.join(runner.work_dir, 'last_checkpoint'))
        self._remove_old_checkpoints(runner, step)

    def _remove_old_checkpoints(self, runner, step):
        if self.max_keep_ckpts <= 0:
            return
        if self.keep_ckpt_ids and self.keep_ckpt_ids[-1] == step:
            return  # this step was saved already (e.g. as the best one)
        if len(self.keep_ckpt_ids) == self.max_keep_ckpts:
            old_step = self.keep_ckpt_ids.popleft()
            old_path = self.file_backend.join_path(
                self.out_dir, self.filename_tmpl.format(old_step))
            if is_main_process() and old_step != step and \
                    self.file_backend.isfile(old_path):
                self.file_backend.remove(old_path)
        self.keep_ckpt_ids.append(step)
        runner.message_hub.update_info('keep_ckpt_ids',
                                       list(self.keep_ckpt_ids))
