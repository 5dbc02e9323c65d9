from .strict_pretrained_init import StrictPretrainedInit, loads_checkpoint

__all__ = ['StrictPretrainedInit', 'loads_checkpoint']
