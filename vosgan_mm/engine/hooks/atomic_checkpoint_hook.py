import os
import os.path as osp
import shutil
from typing import Optional

from mmengine.dist import is_main_process
from mmengine.hooks import CheckpointHook
from mmengine.runner import Runner

from vosgan_mm.registry import HOOKS
from vosgan_mm.utils import remove_stale_temporary_files, write_atomically


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
    - The temporary files of a write that a kill interrupted are removed
      when training starts or resumes, and the log says so.
    - With ``final_checkpoint``, the checkpoint of the last iteration is
      also linked under that name in the work dir, so that configs that
      start from a finished run name it without knowing its length.

    Args:
        final_checkpoint (str, optional): Name of the finished run's
            checkpoint (e.g. ``'final.pth'``). Defaults to None.
        **kwargs: Arguments of ``CheckpointHook``; ``backend_args`` defaults
            to ``dict(backend='atomic_local')``.
    """

    # CheckpointHook hands its other keywords to Runner.save_checkpoint: the
    # config check names a key neither takes before the run starts
    kwargs_end_in = (Runner.save_checkpoint, )

    def __init__(self, final_checkpoint: Optional[str] = None, **kwargs):
        kwargs.setdefault('backend_args', dict(backend='atomic_local'))
        super().__init__(**kwargs)
        self.final_checkpoint = final_checkpoint

    def before_train(self, runner) -> None:
        super().before_train(runner)
        if not is_main_process():
            return
        # a remote out_dir is no local folder, and is left alone
        for folder in sorted({runner.work_dir, str(self.out_dir)}):
            removed = remove_stale_temporary_files(folder)
            if removed:
                runner.logger.warning(
                    f'removed {len(removed)} temporary file(s) of an '
                    f'interrupted checkpoint write from {folder}: '
                    f'{", ".join(removed)}')

    def _save_checkpoint_with_step(self, runner, step, meta):
        # the kept steps, this one included, are saved in the checkpoint
        outdated = self._update_kept_steps(runner, step)
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
        if not is_main_process():
            return
        # relative to the work dir, so that a moved or copied work dir
        # resumes from its own checkpoint (read_last_checkpoint)
        write_atomically(
            osp.relpath(self.last_ckpt, runner.work_dir).encode(),
            osp.join(runner.work_dir, 'last_checkpoint'))
        last = runner.max_epochs if self.by_epoch else runner.max_iters
        if self.final_checkpoint and step == last:
            self._link_final(runner)
        # only now that the new checkpoint is complete
        for old_step in outdated:
            old_path = self.file_backend.join_path(
                self.out_dir, self.filename_tmpl.format(old_step))
            if self.file_backend.isfile(old_path):
                self.file_backend.remove(old_path)

    def _link_final(self, runner) -> None:
        """``<work_dir>/<final_checkpoint>``: a hard link to the last
        checkpoint, replaced atomically."""
        final = osp.join(runner.work_dir, self.final_checkpoint)
        tmp = f'{final}.linking'
        if osp.lexists(tmp):
            os.remove(tmp)
        try:
            os.link(self.last_ckpt, tmp)
        except OSError:  # a file system without hard links
            shutil.copyfile(self.last_ckpt, tmp)
        os.replace(tmp, final)
        runner.logger.info(f'the finished run\'s checkpoint is {final}')

    def _update_kept_steps(self, runner, step) -> list:
        """Adds ``step`` to the kept checkpoints; returns the steps whose
        files are to be removed once it is saved."""
        if self.max_keep_ckpts <= 0 or (self.keep_ckpt_ids
                                        and self.keep_ckpt_ids[-1] == step):
            return []
        outdated = []
        while len(self.keep_ckpt_ids) >= self.max_keep_ckpts:
            outdated.append(self.keep_ckpt_ids.popleft())
        self.keep_ckpt_ids.append(step)
        runner.message_hub.update_info('keep_ckpt_ids',
                                       list(self.keep_ckpt_ids))
        return [s for s in outdated if s != step]


def read_last_checkpoint(work_dir: str) -> Optional[str]:
    """The checkpoint that ``<work_dir>/last_checkpoint`` names, or None
    where there is none: a relative path is read from the work dir (as
    this hook writes it), an absolute one as it is (as MMEngine's own
    CheckpointHook writes it)."""
    path = osp.join(work_dir, 'last_checkpoint')
    if not osp.isfile(path):
        return None
    with open(path) as f:
        name = f.read().strip()
    if not name:
        return None
    return name if osp.isabs(name) else osp.join(work_dir, name)
