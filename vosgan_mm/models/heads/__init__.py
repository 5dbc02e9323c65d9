from .flattened_linear_head import FlattenedLinearHead

__all__ = ['FlattenedLinearHead']
