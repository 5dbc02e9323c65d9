from .epoch_counted_iter_train_loop import EpochCountedIterTrainLoop
from .vosgan_runner import VOSGANRunner
from .work_dir_lock import WorkDirLock

__all__ = ['EpochCountedIterTrainLoop', 'VOSGANRunner', 'WorkDirLock']
