"""torch.compile of the GAN's networks (``compile_cfg``): one tiny model,
compiled once (about 40 s on 2 CPU cores)."""
import torch

from tests.models.test_vosgan import batch, tiny_vosgan, wrappers


def test_compiled_networks_train_as_the_plain_ones_and_keep_their_keys():
    data = batch()
    losses, keys = {}, {}
    for compiled in (False, True):
        torch.manual_seed(0)
        model = tiny_vosgan(compile_cfg={} if compiled else None)
        for net in (model.generator, model.discriminator):
            assert (net._compiled_call_impl is not None) == compiled
        optim = wrappers(model, fused=True)
        losses[compiled] = [model.train_step(data, optim) for _ in range(2)]
        keys[compiled] = list(model.state_dict())
    assert keys[True] == keys[False]  # checkpoints load either way
    for plain, compiled in zip(losses[False], losses[True]):
        for key, value in plain.items():
            torch.testing.assert_close(
                compiled[key], value, rtol=1e-4, atol=1e-6)
