import pytest
import torch

from vosgan_mm.registry import MODELS
from vosgan_mm.utils import CheckpointError


def backbone(checkpoint):
    return MODELS.build(
        dict(
            type='VOSGANBackbone',
            base_channels=2,
            init_cfg=dict(
                type='StrictPretrained',
                checkpoint=str(checkpoint),
                prefix='discriminator.')))


def test_backbone_from_a_checkpoint_of_another_model_names_file_and_keys(
        tmp_path):
    vgan = MODELS.build(
        dict(
            type='VGAN',
            generator=dict(type='VGANGenerator', base_channels=2),
            discriminator=dict(
                type='Conv3dVideoDiscriminator', base_channels=2)))
    path = tmp_path / 'vgan.pth'
    torch.save(dict(state_dict=vgan.state_dict()), path)
    with pytest.raises(CheckpointError) as error:
        backbone(path).init_weights()
    message = str(error.value)
    assert message.startswith(
        f'{path} does not hold the weights of VOSGANBackbone under prefix '
        '"discriminator."')
    assert 'missing keys (' in message
    assert 'discriminator.discrimination_stream.' not in message  # unprefixed
    assert 'discrimination_stream.0.conv.weight' in message
    assert 'keys of another shape (1):' in message


def test_backbone_from_a_file_that_is_no_checkpoint_names_it(tmp_path):
    path = tmp_path / 'notes.pth'
    path.write_text('remember to train the GAN first\n')
    with pytest.raises(CheckpointError, match=f'{path} is not a PyTorch'):
        backbone(path).init_weights()
    torch.save(dict(meta=dict(iter=3)), path)
    with pytest.raises(
            CheckpointError,
            match=f'{path} holds no model weights: it has no "state_dict"'):
        backbone(path).init_weights()
