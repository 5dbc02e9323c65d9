from typing import Dict, Union

from mmengine.logging import print_log
from mmengine.runner import IterBasedTrainLoop
from torch.utils.data import DataLoader

from vosgan_mm.registry import LOOPS


@LOOPS.register_module()
class EpochCountedIterTrainLoop(IterBasedTrainLoop):
    """MMEngine's iteration-based loop (a run resumes exactly where it
    stopped, checkpoints count iterations) whose length is given in epochs
    of the data: ``max_iters = max_epochs x iterations per epoch``, the
    latter the length of this process's data loader. The paper trains for
    25 epochs of the golf videos; counted this way the schedule follows the
    copy of the data at hand instead of a number written for another.

    Args:
        runner (Runner): The runner.
        dataloader (DataLoader | dict): The training data loader.
        max_epochs (int): Epochs of the data.
        **kwargs: The other arguments of ``IterBasedTrainLoop``.
    """

    def __init__(self, runner, dataloader: Union[DataLoader, Dict],
                 max_epochs: int, **kwargs):
        if not isinstance(max_epochs, int) or max_epochs < 1:
            raise ValueError(
                f'max_epochs must be a positive integer, got {max_epochs!r}')
        super().__init__(runner, dataloader, max_iters=1, **kwargs)
        per_epoch = len(self.dataloader)
        self._max_iters = max_epochs * per_epoch
        print_log(
            f'{max_epochs} epochs of {per_epoch} iterations: '
            f'{self._max_iters} iterations',
            logger='current')
