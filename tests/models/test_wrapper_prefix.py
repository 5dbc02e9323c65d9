import torch
from mmengine.registry import MODEL_WRAPPERS

from tests.models.test_vosgan import tiny_vosgan


class StandInWrapper(torch.nn.Module):
    """Wraps a network as MMEngine's distributed wrappers do
    (``.module``), registered as a model wrapper for this test only."""

    def __init__(self, module):
        super().__init__()
        self.module = module


def test_checkpoint_keys_are_those_of_unwrapped_networks():
    MODEL_WRAPPERS.register_module(module=StandInWrapper)
    try:
        plain = tiny_vosgan()
        saved = plain.state_dict()
        wrapped = tiny_vosgan()
        wrapped.generator = StandInWrapper(wrapped.generator)
        wrapped.discriminator = StandInWrapper(wrapped.discriminator)
        assert wrapped.state_dict().keys() == saved.keys()
        # a plain checkpoint loads strictly into the wrapped networks
        wrapped.load_state_dict(saved)
        for key, value in wrapped.state_dict().items():
            assert torch.equal(value, saved[key]), key
        assert 'generator.module.' in next(
            iter(dict(wrapped.named_parameters())))
    finally:
        MODEL_WRAPPERS.module_dict.pop('StandInWrapper')
