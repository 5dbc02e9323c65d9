from .epoch_counted_iter_train_loop import EpochCountedIterTrainLoop

__all__ = ['EpochCountedIterTrainLoop']
