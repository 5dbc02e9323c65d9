"""Table 5's classifier: linear on the whole flattened embedding, the same
as a (2, 4, 4) convolution to the classes in place of the real/fake
layer."""
import pytest
import torch
import torch.nn.functional as F

from vosgan_mm.registry import MODELS


def head(**kwargs):
    cfg = dict(type='FlattenedLinearHead', num_classes=101, in_channels=1024)
    net = MODELS.build({**cfg, **kwargs})
    net.init_weights()
    return net


def test_every_value_of_the_embedding_reaches_the_classifier():
    net = head()
    assert net.fc_cls.in_features == 32_768  # VOS-GAN: 1024 x 2 x 4 x 4
    assert head(in_channels=512).fc_cls.in_features == 16_384  # VGAN, TGAN
    x = torch.randn(3, 1024, 2, 4, 4)
    assert net(x).shape == (3, 101)
    # a change at one position of the embedding changes the scores (a
    # pooled head would also miss a change that keeps the mean)
    y = x.clone()
    y[:, :, 0, 0, 0] += 1
    y[:, :, 1, 3, 3] -= 1
    assert not torch.allclose(net(x), net(y))


def test_it_equals_a_convolution_over_the_whole_embedding():
    net = head(in_channels=8, num_classes=5)
    x = torch.randn(2, 8, 2, 4, 4)
    weight = net.fc_cls.weight.view(5, 8, 2, 4, 4)
    conv = F.conv3d(x, weight, net.fc_cls.bias)  # (2, 5, 1, 1, 1)
    assert torch.allclose(net(x), conv.flatten(1), atol=1e-5)


def test_an_embedding_of_another_shape_is_named():
    with pytest.raises(
            ValueError,
            match=r'expects embeddings of shape \(N, 1024, 2, 4, 4\), got '
            r'\(2, 1024, 1, 4, 4\)'):
        head()(torch.zeros(2, 1024, 1, 4, 4))
