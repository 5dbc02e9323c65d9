from .epoch_counted_iter_train_loop import EpochCountedIterTrainLoop
from .vosgan_runner import VOSGANRunner

__all__ = ['EpochCountedIterTrainLoop', 'VOSGANRunner']
