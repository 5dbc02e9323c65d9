"""average_weights: the element-wise mean of a run's checkpoints."""
import pytest
import torch

from vosgan_mm.utils import CheckpointError, average_weights


def test_floating_tensors_are_averaged_and_counters_come_from_the_last():
    first = dict(w=torch.tensor([1.0, 2.0]), n=torch.tensor(3))
    second = dict(w=torch.tensor([2.0, 4.0]), n=torch.tensor(6))
    third = dict(w=torch.tensor([6.0, 0.0]), n=torch.tensor(9))
    averaged = average_weights([first, second, third], ['a', 'b', 'c'])
    assert torch.equal(averaged['w'], torch.tensor([3.0, 2.0]))
    assert averaged['n'].item() == 9 and averaged['n'].dtype == torch.int64


def test_the_average_keeps_each_tensors_dtype():
    halves = [
        dict(w=torch.full((2, ), v, dtype=torch.float16)) for v in (1.0, 2.0)
    ]
    averaged = average_weights(halves, ['a', 'b'])
    assert averaged['w'].dtype == torch.float16
    assert torch.equal(averaged['w'],
                       torch.full((2, ), 1.5, dtype=torch.float16))


def test_one_state_dict_comes_back_unchanged():
    weights = dict(w=torch.randn(3, 2))
    assert torch.equal(average_weights([weights], ['a'])['w'], weights['w'])


def test_a_missing_key_is_named_with_the_file():
    with pytest.raises(
            CheckpointError,
            match='b.pth does not have the weights of a.pth: '
            r'1 missing \(first: bias\)'):
        average_weights([
            dict(w=torch.zeros(1), bias=torch.zeros(1)),
            dict(w=torch.zeros(1))
        ], ['a.pth', 'b.pth'])


def test_a_shape_mismatch_is_named_with_both_shapes():
    with pytest.raises(
            CheckpointError,
            match=r'b.pth has w of shape \(3,\), a.pth of shape '
            r'\(2,\)'):
        average_weights([dict(w=torch.zeros(2)),
                         dict(w=torch.zeros(3))], ['a.pth', 'b.pth'])


def test_nothing_to_average_is_an_error():
    with pytest.raises(CheckpointError, match='no checkpoint to average'):
        average_weights([], [])
