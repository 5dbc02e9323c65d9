import pytest
import torch.nn as nn
from mmengine.optim import OptimWrapperDict, build_optim_wrapper


class TwoNets(nn.Module):

    def __init__(self):
        super().__init__()
        self.generator = nn.Linear(2, 2)
        self.discriminator = nn.Linear(2, 1)


def adam(lr):
    return dict(optimizer=dict(type='Adam', lr=lr, betas=(0.5, 0.999)))


def test_builds_one_wrapper_per_named_network():
    model = TwoNets()
    optim = build_optim_wrapper(
        model,
        dict(
            constructor='MultiOptimWrapperConstructor',
            generator=adam(1e-3),
            discriminator=adam(2e-4)))
    assert isinstance(optim, OptimWrapperDict)
    g_params = optim['generator'].optimizer.param_groups[0]['params']
    assert {id(p)
            for p in g_params
            } == {id(p)
                  for p in model.generator.parameters()}
    assert optim['discriminator'].optimizer.param_groups[0]['lr'] == 2e-4


def test_bf16_wrapper_type_is_per_network():
    optim = build_optim_wrapper(
        TwoNets(),
        dict(
            constructor='MultiOptimWrapperConstructor',
            generator=dict(type='AutocastOptimWrapper', **adam(1e-3)),
            discriminator=adam(1e-3)))
    assert type(optim['generator']).__name__ == 'AutocastOptimWrapper'
    assert type(optim['discriminator']).__name__ == 'OptimWrapper'


def test_unknown_network_name_is_an_error_listing_the_real_ones():
    with pytest.raises(
            ValueError, match='no sub-module.*generator, discriminator'):
        build_optim_wrapper(
            TwoNets(),
            dict(constructor='MultiOptimWrapperConstructor', encoder=adam(1)))


def test_sub_config_without_optimizer_is_an_error():
    with pytest.raises(ValueError, match='optim_wrapper.generator'):
        build_optim_wrapper(
            TwoNets(),
            dict(constructor='MultiOptimWrapperConstructor', generator={}))
