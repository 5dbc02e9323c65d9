from .autocast_optim_wrapper import (AutocastOptimWrapper,
                                     CPUAutocastOptimWrapper)
from .multi_optim_wrapper_constructor import MultiOptimWrapperConstructor

__all__ = [
    'AutocastOptimWrapper', 'CPUAutocastOptimWrapper',
    'MultiOptimWrapperConstructor'
]
