"""Thresholds of probability maps: a number, or Otsu's per frame."""
import numpy as np

from vosgan_mm.utils import otsu_foreground, threshold_probabilities


def test_otsu_separates_two_levels_wherever_they_lie():
    for low, high in ((0.1, 0.3), (0.6, 0.9)):
        values = np.full((8, 8), low, np.float32)
        values[2:5, 3:6] = high
        expected = values == high
        assert (otsu_foreground(values, 1.0) == expected).all()
        assert (threshold_probabilities(values, 'otsu') == expected).all()


def test_a_number_is_a_plain_threshold():
    values = np.array([[0.2, 0.5], [0.51, 0.9]], np.float32)
    assert threshold_probabilities(values, 0.5).tolist() == [[False, False],
                                                             [True, True]]
    assert not threshold_probabilities(values, 1.0).any()
